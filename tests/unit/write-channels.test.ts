import { describe, expect, it } from 'vitest';
import { channels } from '../../src/shared/contract';
import { WRITE_CHANNELS } from '../../src/shared/writeChannels';

// What a channel's verb says it does. A new verb must be placed here, so nobody adds a write that the
// renderer's cache would keep showing stale reads after.
const READ_VERBS = new Set([
  'get',
  'list',
  'stats',
  'totals',
  'fourHundred',
  'fourHundredMisses',
  'suggest',
  'leaders',
  'rows',
  'xlsx',
  'template',
  'preview',
  'progress',
  'errorReport',
  'export',
  'inspect',
  'coverage',
  'totals',
  'gaps',
  'fourChecks',
  'history',
  'me',
]);
const WRITE_VERBS = new Set([
  'update',
  'create',
  'reorder',
  'delete',
  'assign',
  'endAssignment',
  'act',
  'set',
  'restore',
  'commit',
  'defer',
  'undefer',
  // Accounts: a login, logout or password change writes the login log and the sessions.
  'setup',
  'login',
  'logout',
  'changePassword',
  'resetPassword',
]);

describe('WRITE_CHANNELS', () => {
  it('holds exactly the channels whose verb writes, and every verb is known as a read or a write', () => {
    for (const c of channels) {
      const verb = c.split('.')[1] ?? '';
      expect(READ_VERBS.has(verb) || WRITE_VERBS.has(verb), `${c}: verb “${verb}” is neither a read nor a write`).toBe(true);
      expect(WRITE_CHANNELS.has(c), `${c}`).toBe(WRITE_VERBS.has(verb));
    }
  });

  it('names only channels of the contract', () => {
    for (const c of WRITE_CHANNELS) expect(channels).toContain(c);
  });
});
