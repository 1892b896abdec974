/** The MAE's Node commands (`npm run experiment | pretrain | evaluate`), for src/cli/modelCommands. */
export { evaluate } from './evaluate';
export { experiment } from './experiment';
export { pretrain } from './pretrain';
