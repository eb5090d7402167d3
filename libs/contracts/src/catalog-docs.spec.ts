import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSUMER_GROUPS, CONSUMER_GROUP_KEYS } from './consumer-groups.catalog';
import { HEADERS } from './headers';
import { TOPIC_IDS, TOPICS } from './topics.catalog';

// The README restates the catalog for people; this keeps the restatement from drifting.
describe('the README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const sections = readme.split('\n### ').slice(1);

  it.each(TOPIC_IDS)('documents the %s topic with its catalog name and partitions', (id) => {
    const { name, partitions } = TOPICS[id];
    const section = sections.find((text) => text.startsWith(`\`${name}\` `));
    expect(section).toContain(`(\`${id}\`)`);
    expect(section).toMatch(new RegExp(`\\| Partitions +\\| ${partitions} +\\|`));
  });

  it('names every consumer group and header', () => {
    for (const key of CONSUMER_GROUP_KEYS) expect(readme).toContain(CONSUMER_GROUPS[key].groupId);
    for (const header of Object.values(HEADERS)) expect(readme).toContain(`\`${header}\``);
  });
});
