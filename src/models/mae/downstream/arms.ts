/** The three arms of MAE-PDE's regression comparison (plain data, shared with the UI). */
export type RegressionArm = 'frozen' | 'finetuned' | 'scratch';

export const REGRESSION_ARMS: readonly RegressionArm[] = ['frozen', 'finetuned', 'scratch'];

export const ARM_LABELS: Record<RegressionArm, string> = {
  frozen: 'Pretrained, frozen',
  finetuned: 'Pretrained, fine-tuned',
  scratch: 'From scratch',
};
