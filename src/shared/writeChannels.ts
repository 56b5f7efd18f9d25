import type { Channel } from './contract';

/**
 * Kept apart from the contract so the renderer's first screen loads this list without zod and every
 * schema (the contract is only needed as a type here).
 *
 * The channels that change the ledger (or its backups); every other channel only reads. The renderer
 * drops its cached reads after one of these succeeds, so a page never shows what a write replaced.
 */
export const WRITE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'settings.update',
  'regions.create',
  'regions.update',
  'regions.reorder',
  'leaders.create',
  'leaders.update',
  'leaders.delete',
  'leaders.reorder',
  'orgs.create',
  'orgs.update',
  'orgs.delete',
  'memberYears.set',
  'memberYears.delete',
  'partyOrgs.create',
  'partyOrgs.update',
  'partyOrgs.delete',
  'instructors.create',
  'instructors.update',
  'instructors.assign',
  'instructors.endAssignment',
  'grids.create',
  'grids.update',
  'grids.delete',
  'cases.create',
  'cases.act',
  'classes.set',
  'ratings.set',
  'screening.defer',
  'screening.undefer',
  'trainings.create',
  'trainings.update',
  'trainings.delete',
  'activities.create',
  'activities.update',
  'activities.delete',
  'modelSites.create',
  'modelSites.update',
  'modelSites.delete',
  'massOrgs.set',
  'inspections.set',
  'inspections.delete',
  'backup.create',
  'backup.restore',
  'import.commit',
  'exchange.commit',
  'funding.create',
  'funding.update',
  'funding.delete',
  'auth.setup',
  'auth.login',
  'auth.logout',
  'auth.changePassword',
  'users.create',
  'users.update',
  'users.resetPassword',
]);

export const isWriteChannel = (c: Channel): boolean => WRITE_CHANNELS.has(c);
