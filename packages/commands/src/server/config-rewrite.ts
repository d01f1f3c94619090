// CONFIG REWRITE: rewrite the config file the server was started with (see config/rewrite.ts for the rules).
import { rewriteConfigFile } from '../config/rewrite.js';
import type { CommandHandler } from '../types.js';

export const configRewriteCommand: CommandHandler = (c, e) => {
  const path = e.config.configFile;
  if (path === '') {
    e.replyError(c, 'ERR The server is running without a config file');
    return;
  }
  const err = rewriteConfigFile(e.config, path);
  if (err !== undefined) {
    e.log('warning', `CONFIG REWRITE failed: ${err}`);
    e.replyError(c, `ERR Rewriting config file: ${err}`);
    return;
  }
  e.log('warning', 'CONFIG REWRITE executed with success.');
  c.reply.simple('OK');
};
