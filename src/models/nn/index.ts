/**
 * Neural-network building blocks shared by every model of the lab, as pure functions of
 * (params, name, input) over named tf.Variables.
 *
 * - params.ts            Params: named variables, seeded PyTorch-like init, snapshot/restore
 * - linear.ts            linear (any rank, flattened to 2-D before the matMul)
 * - layerNorm.ts         layerNorm (eps 1e-5, biased variance)
 * - gelu.ts              exact erf GELU
 * - mlp.ts               mlp and activations
 * - attention.ts         multi-head self-attention (fused qkv, optional weights output)
 * - vitBlock.ts          pre-LN ViT block of MAE-PDE
 * - positionalEmbedding.ts  MAE's fixed sin-cos embeddings, 1-D and factorized N-D
 * - stopGradient.ts      stopGradient and straightThrough (tf.customGrad)
 * - conv.ts              NHWC conv2d, convTranspose2d (PyTorch padding and init), groupNorm
 * - vectorQuantizer.ts   VQ-VAE codebook: straight-through lookup, EMA updates, dead-code restarts
 * - warp.ts              backward bilinear warp by a flow in pixels (border, zeros or periodic)
 * - dft.ts               truncated 2-D real DFT by matmuls, FNO spectral mixing
 * - adamw.ts             AdamW (decoupled or L2 weight decay), state snapshot/restore
 * - schedules.ts         constant, warm-up + cosine, OneCycle (lr and momentum)
 * - gradClip.ts          global-norm clipping
 * - checkpoint.ts        self-describing checkpoints to and from one byte array
 * - trainLoop.ts         the generic training loop
 * - lossReadout.ts       batched, non-blocking readback of the loop's loss and gradient norm
 * - kernelCounter.ts     kernels, readbacks and GPU programs run by a piece of work
 */
export * from './params';
export * from './linear';
export * from './layerNorm';
export * from './gelu';
export * from './mlp';
export * from './attention';
export * from './vitBlock';
export * from './positionalEmbedding';
export * from './stopGradient';
export * from './conv';
export * from './vectorQuantizer';
export * from './warp';
export * from './dft';
export * from './ode';
export * from './adamw';
export * from './schedules';
export * from './gradClip';
export * from './checkpoint';
export * from './trainLoop';
export * from './lossReadout';
export * from './kernelCounter';
