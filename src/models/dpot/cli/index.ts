/** DPOT's Node commands (`npm run pretrain | experiment -- dpot`), for src/cli/modelCommands. */
export { experiment } from './experiment';
export { pretrain } from './pretrain';
