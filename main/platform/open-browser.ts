/** Opens an address in the system browser from plain Node (the preview and its sign-in page). */
import { spawn } from 'node:child_process';

export function openInSystemBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const [command, args] =
    platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
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
