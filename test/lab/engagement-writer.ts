/**
 * A separate process for the one-writer tests: opens the repository on the data folder given in
 * argv[2] and creates argv[3] engagements named after argv[4], as fast as it can, printing each id.
 */
import { createEngagementRepository } from '../../main/core/engagements/repository.js';
import { systemClock } from '../../main/platform/clock.js';
import { createNodeSettingsStore } from '../../main/platform/node-settings-store.js';

const [dataDir, countText, prefix] = process.argv.slice(2);
if (dataDir === undefined || countText === undefined || prefix === undefined) throw new Error('usage: engagement-writer DIR COUNT PREFIX');
const repository = createEngagementRepository(createNodeSettingsStore({ cwd: dataDir }), systemClock);
for (let n = 0; n < Number(countText); n += 1) {
  const { id } = repository.create({
    name: `${prefix} ${n}`,
    domains: ['contoso.test'],
    smartHosts: ['mail.contoso.test'],
    serverKind: 'postfix',
    testAddresses: [],
    notes: '',
  });
  process.stdout.write(`${id}\n`);
}
