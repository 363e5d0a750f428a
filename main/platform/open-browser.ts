/** Opens an address in the system browser from plain Node (the preview and its sign-in page). */
import { spawn } from 'node:child_process';

export function openInSystemBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  // Not `cmd /c start`: cmd would split the address at every "&" of an OAuth query string.
  const [command, args] =
    platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) => {
      reject(new Error(`Could not open a browser (${error.message}): open ${url} yourself.`));
    });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
