import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const started = Date.now();
  const electrifica = await createApp(config);
  const { app } = electrifica;
  app.log.info(`database ready (${electrifica.database.dialect}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (config.loadReferenceData) await electrifica.loadReferenceData();
  if (config.runWorker) await electrifica.queue.start();
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Electrifica is running at http://localhost:${config.port} (API docs at /api/docs)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await electrifica.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
