/** DINo's Node commands (`npm run pretrain | experiment -- dino`), for src/cli/modelCommands. */
export { experiment } from './experiment';
export { pretrain } from './pretrain';
