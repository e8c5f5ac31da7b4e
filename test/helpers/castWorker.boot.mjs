// Worker-thread entry: lets a plain worker load the TypeScript cast worker (the same loader `npm run dev` uses).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
