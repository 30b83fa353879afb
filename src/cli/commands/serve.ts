import type { Command } from 'commander';
import { createLogger } from '../../runtime/create-logger.ts';
import { startNodeServer } from '../../runtime/node.ts';
import { loadConfig } from '../load-config.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动服务（npm start 运行的就是它）')
    .option('--reset-demo', '沙箱模式：清空数据库，重新生成演示数据')
    .action(async (opts: { resetDemo?: boolean }) => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const server = await startNodeServer(config, logger, { resetDemo: opts.resetDemo === true });
      if (config.lark.mode === 'sandbox') {
        console.log('未设置飞书凭证（LARK_APP_ID / LARK_APP_SECRET）：以沙箱模式启动，不连接真实飞书。');
        console.log(`内置飞书模拟器：${server.simulatorUrl ?? ''}（演示城市：曲靖市四个县区；npm start -- --reset-demo 可重新生成）`);
        console.log(`飞书沙箱页面：${server.sandboxUrl ?? ''}   ← 在浏览器打开，以名册中任何人的身份使用机器人`);
        console.log(`控制台：${server.url}/`);
      } else {
        console.log(`已配置飞书应用 ${config.lark.appId}（${config.lark.domain}，事件模式 ${config.lark.eventMode}）。`);
      }
      console.log(`户户清已启动：${server.url}   健康检查 ${server.url}/healthz   就绪检查 ${server.url}/readyz`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
    });
}
