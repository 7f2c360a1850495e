/** `npm run server`: the reference server alone, configured by ACH_* variables (see README). */
import { configFromEnv } from './config.ts';
import { startServer } from './server.ts';

const running = await startServer(configFromEnv());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
