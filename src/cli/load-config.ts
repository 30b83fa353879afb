// CLI side of configuration: .env then the environment, parsed once.
import { parseConfig, type Config } from '../config/parse-config.ts';
import { loadDotEnv } from '../runtime/node.ts';

export function loadConfig(): Config {
  loadDotEnv();
  return parseConfig(process.env);
}
