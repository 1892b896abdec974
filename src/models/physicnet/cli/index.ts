/** PhysicNet-style's Node commands (`npm run pretrain | experiment -- physicnet`), for src/cli/modelCommands. */
export { experiment } from './experiment';
export { pretrain } from './pretrain';
