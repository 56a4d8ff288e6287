// Every commit of the catalog says what it is to its design (introduced,
// fixed by, reverted by, removed by, based on) in its `role`, and its title
// is the commit's own subject line, with no role written into it.
import { describe, expect, it } from 'vitest';
import { COMMIT_ROLES } from '../../models/api.js';
import { getDesign, listDesigns } from '../../models/index.js';

describe('catalog provenance', () => {
  it('every commit has a role, and no title carries one', () => {
    const commits = listDesigns().flatMap((d) => d.provenance.commits.map((c) => ({ design: d.name, ...c })));
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.filter((c) => c.role === undefined || !COMMIT_ROLES.includes(c.role)).map((c) => `${c.design} ${c.id}`)).toEqual([]);
    expect(commits.filter((c) => /^(fixed|removed|reverted|introduced) by:|^based on:/i.test(c.title)).map((c) => `${c.design} ${c.id}`)).toEqual([]);
  });

  it('a fix is listed with the design it fixed: 57efa1fe5957 fixed D-FORK-NO-SEQCOUNT and is part of D-HAS-PINNED', () => {
    const role = (design: string, id: string): string | undefined => getDesign(design).provenance.commits.find((c) => c.id === id)?.role;
    expect(role('D-FORK-NO-SEQCOUNT', '57efa1fe5957')).toBe('fixed-by');
    expect(role('D-HAS-PINNED', '57efa1fe5957')).toBe('introduced');
    expect(role('D-SHARED-HELPER', 'c36c04c2e132')).toBe('reverted-by');
    expect(role('D-SEPARATE', 'c36c04c2e132')).toBe('introduced');
  });
});
