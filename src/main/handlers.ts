/**
 * Channel → service call, transport-agnostic. `dispatch` is the one entry point both the Electron
 * IPC binding and the browser-mode HTTP bridge call: it parses the input with the contract's schema
 * and turns every failure into `{ code, message }` with a Chinese message.
 */
import { type ApiResult, type Channel, contract, isChannel, type Output, type Parsed } from '../shared/contract';
import { PUBLIC_CHANNELS } from '../shared/domain/roles';
import { REPORTS } from '../shared/reports/definitions';
import { describeErrors, fieldErrors } from '../shared/schemas';
import { createBackup, inspectBackup, listBackups, restoreBackup } from './core/backup';
import { type Caller, withCaller } from './core/caller';
import { type Ctx, catchUpWithOtherWriters } from './core/context';
import { AppError, clerkMessage, clip } from './core/errors';
import { commitExchange, exportExchange, inspectExchange, previewExchange } from './core/exchange';
import { commitImport, previewImport } from './core/import/preview';
import { importProgress } from './core/import/progress';
import { importErrorReport, importTemplate } from './core/import/workbooks';
import { reportRows } from './core/reports/rows';
import { reportFileName, reportXlsx } from './core/reports/xlsx';
import {
  changePassword,
  createUser,
  listLoginLog,
  listUsers,
  login,
  logout,
  me,
  type Origin,
  requireCaller,
  resetPassword,
  type Session,
  setupAdmin,
  updateUser,
} from './core/services/accounts';
import { createActivity, deleteActivity, listActivities, listActivityGaps, updateActivity } from './core/services/activities';
import { listAudit } from './core/services/audit';
import { actOnCase, caseLeaders, caseStats, createCase, getCase, listCases } from './core/services/cases';
import { listClasses, setClasses, setRating } from './core/services/classification';
import { fourHundred, fourHundredMisses } from './core/services/fourHundred';
import { createFunding, deleteFunding, fundingTotalsTable, listFunding, updateFunding } from './core/services/funding';
import { createGrid, deleteGrid, fourChecks, getGrid, gridStats, listGrids, updateGrid } from './core/services/grids';
import { deleteInspection, inspectionHistory, listInspections, setInspection } from './core/services/inspections';
import {
  assignInstructor,
  createInstructor,
  endAssignment,
  getInstructor,
  listInstructors,
  updateInstructor,
} from './core/services/instructors';
import { createLeader, deleteLeader, listLeaders, reorderLeaders, updateLeader } from './core/services/leaders';
import { listMassOrgs, setMassOrg } from './core/services/massOrgs';
import { deleteMemberYear, listMemberYears, setMemberYear } from './core/services/memberYears';
import { createModelSite, deleteModelSite, listModelSites, updateModelSite } from './core/services/modelSites';
import { afterWarmUp } from './core/services/orgIndex';
import { createOrg, deleteOrg, getOrg, listOrgs, updateOrg } from './core/services/orgs';
import { createPartyOrg, deletePartyOrg, getPartyOrg, listPartyOrgs, updatePartyOrg } from './core/services/partyOrgs';
import { createRegion, listRegions, reorderRegions, updateRegion } from './core/services/regions';
import { deferSuggestion, suggestCases, undeferSuggestion } from './core/services/screening';
import { getSettings, updateSettings } from './core/services/settings';
import { coverageStats } from './core/services/stats';
import {
  createTraining,
  deleteTraining,
  getTraining,
  listTrainings,
  trainingTotalsByRegion,
  updateTraining,
} from './core/services/trainings';

/**
 * What the transport knows of a request: the session it holds for this window or browser, where the
 * request came from, and where a new session goes (a cookie, the main process's table of windows).
 */
export interface Transport {
  sessionId?: string;
  origin?: Origin;
  /** A login hands the transport its new session id; a logout passes null. */
  keepSession?(sessionId: string | null): void;
}

/** A handler's third argument: the signed-in account (null only on the public auth channels). */
interface Call {
  caller: Caller | null;
  transport: Transport;
}

type Handlers = { [C in Channel]: (ctx: Ctx, input: Parsed<C>, call: Call) => Output<C> | Promise<Output<C>> };

/** Hands the new session to the transport; the renderer gets the account only. */
function signedIn(transport: Transport, { sessionId, ...rest }: Session) {
  transport.keepSession?.(sessionId);
  return rest;
}

/** The account of a channel that needs one (dispatch refused the call already when there is none). */
function own(call: Call): Caller {
  if (!call.caller) throw new AppError('unauthenticated', '请先登录');
  return call.caller;
}

export const handlers: Handlers = {
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, i) => updateSettings(ctx, i),
  'regions.list': (ctx) => listRegions(ctx),
  'regions.create': (ctx, i) => createRegion(ctx, i),
  'regions.update': (ctx, i) => updateRegion(ctx, i),
  'regions.reorder': (ctx, i) => reorderRegions(ctx, i.ids),
  'leaders.list': (ctx) => listLeaders(ctx),
  'leaders.create': (ctx, i) => createLeader(ctx, i),
  'leaders.update': (ctx, { id, ...fields }) => updateLeader(ctx, id, fields),
  'leaders.delete': (ctx, i) => deleteLeader(ctx, i.id),
  'leaders.reorder': (ctx, i) => reorderLeaders(ctx, i.ids),
  'orgs.list': (ctx, i) => listOrgs(ctx, i),
  'orgs.get': (ctx, i) => getOrg(ctx, i.id),
  'orgs.create': (ctx, i) => createOrg(ctx, i),
  'orgs.update': (ctx, i) => updateOrg(ctx, i.id, i.fields, i.version),
  'orgs.delete': (ctx, i) => deleteOrg(ctx, i.id),
  'partyOrgs.list': (ctx, i) => listPartyOrgs(ctx, i),
  'partyOrgs.get': (ctx, i) => getPartyOrg(ctx, i.id),
  'partyOrgs.create': (ctx, i) => createPartyOrg(ctx, i),
  'partyOrgs.update': (ctx, i) => updatePartyOrg(ctx, i.id, i.fields, i.version),
  'partyOrgs.delete': (ctx, i) => deletePartyOrg(ctx, i.id),
  'instructors.list': (ctx, i) => listInstructors(ctx, i.query),
  'instructors.get': (ctx, i) => getInstructor(ctx, i.id),
  'instructors.create': (ctx, i) => createInstructor(ctx, i),
  'instructors.update': (ctx, i) => updateInstructor(ctx, i.id, i.fields, i.version),
  'instructors.assign': (ctx, i) => assignInstructor(ctx, i),
  'instructors.endAssignment': (ctx, i) => endAssignment(ctx, i.assignmentId, i.toDate),
  'grids.list': (ctx, i) => listGrids(ctx, i),
  'grids.get': (ctx, i) => getGrid(ctx, i.id),
  'grids.create': (ctx, i) => createGrid(ctx, i),
  'grids.update': (ctx, i) => updateGrid(ctx, i.id, i.fields),
  'grids.delete': (ctx, i) => deleteGrid(ctx, i.id),
  'grids.stats': (ctx, i) => gridStats(ctx, i),
  'grids.fourChecks': (ctx, i) => fourChecks(ctx, i),
  'stats.coverage': (ctx, i) => coverageStats(ctx, i),
  'stats.fourHundred': (ctx, i) => fourHundred(ctx, i),
  'stats.fourHundredMisses': (ctx, i) => fourHundredMisses(ctx, i),
  'memberYears.list': (ctx, i) => listMemberYears(ctx, i.orgId),
  'memberYears.set': (ctx, i) => setMemberYear(ctx, i),
  'memberYears.delete': (ctx, i) => deleteMemberYear(ctx, i),
  'cases.suggest': (ctx, i) => suggestCases(ctx, i),
  'screening.defer': (ctx, i) => deferSuggestion(ctx, i),
  'screening.undefer': (ctx, i) => undeferSuggestion(ctx, i),
  'cases.list': (ctx, i) => listCases(ctx, i),
  'cases.get': (ctx, i) => getCase(ctx, i.id),
  'cases.create': (ctx, i) => createCase(ctx, i),
  'cases.act': (ctx, i) => actOnCase(ctx, i),
  'cases.stats': (ctx, i) => caseStats(ctx, i),
  'cases.leaders': (ctx) => caseLeaders(ctx),
  'classes.list': (ctx, i) => listClasses(ctx, i),
  'classes.set': (ctx, i) => setClasses(ctx, i.year, i.partyOrgIds, i.class),
  'ratings.set': (ctx, i) => setRating(ctx, i),
  'trainings.list': (ctx, i) => listTrainings(ctx, i),
  'trainings.get': (ctx, i) => getTraining(ctx, i.id),
  'trainings.create': (ctx, i) => createTraining(ctx, i),
  'trainings.update': (ctx, i) => updateTraining(ctx, i.id, i.fields),
  'trainings.delete': (ctx, i) => deleteTraining(ctx, i.id),
  'trainings.totals': (ctx, i) => trainingTotalsByRegion(ctx, i.year),
  'activities.list': (ctx, i) => listActivities(ctx, i),
  'activities.create': (ctx, i) => createActivity(ctx, i),
  'activities.update': (ctx, i) => updateActivity(ctx, i.id, i.fields),
  'activities.delete': (ctx, i) => deleteActivity(ctx, i.id),
  'activities.gaps': (ctx, i) => listActivityGaps(ctx, i),
  'modelSites.list': (ctx, i) => listModelSites(ctx, i),
  'modelSites.create': (ctx, i) => createModelSite(ctx, i),
  'modelSites.update': (ctx, i) => updateModelSite(ctx, i.id, i.fields),
  'modelSites.delete': (ctx, i) => deleteModelSite(ctx, i.id),
  'massOrgs.list': (ctx, i) => listMassOrgs(ctx, i.orgId),
  'massOrgs.set': (ctx, i) => setMassOrg(ctx, i),
  'inspections.list': (ctx, i) => listInspections(ctx, i),
  'inspections.history': (ctx, i) => inspectionHistory(ctx, i.orgId),
  'inspections.set': (ctx, i) => setInspection(ctx, i),
  'inspections.delete': (ctx, i) => deleteInspection(ctx, i.id),
  'backup.create': (ctx, i) => createBackup(ctx, 'manual', { name: i.name, overwrite: i.overwrite }),
  'backup.list': (ctx) => listBackups(ctx),
  'backup.inspect': (ctx, i) => inspectBackup(ctx, i.name),
  'backup.restore': (ctx, i) => restoreBackup(ctx, i.name),
  'reports.list': () => REPORTS,
  'reports.rows': (ctx, i) => reportRows(ctx, i.report, i.filters, i.hidden),
  'reports.xlsx': async (ctx, i) => {
    const data = await reportRows(ctx, i.report, i.filters, i.hidden);
    const bytes = await reportXlsx(data);
    return { fileName: reportFileName(data), base64: bytes.toString('base64') };
  },
  'import.template': (ctx, i) => importTemplate(ctx, i.kind),
  'import.preview': (ctx, i) =>
    previewImport(ctx, {
      kind: i.kind,
      fileName: i.fileName,
      bytes: Buffer.from(i.base64, 'base64'),
      mapping: i.mapping,
      valueMapping: i.valueMapping,
      jobId: i.jobId,
    }),
  'import.progress': (_ctx, i) => importProgress(i.jobId),
  'import.commit': (ctx, i) => commitImport(ctx, i.id, i.skipErrors),
  'import.errorReport': (ctx, i) => importErrorReport(ctx, i.id),
  'exchange.export': async (ctx, i) => {
    const x = await exportExchange(ctx, { regionId: i.regionId, password: i.password });
    return { fileName: x.fileName, base64: x.bytes.toString('base64'), manifest: x.manifest };
  },
  'exchange.inspect': (_ctx, i) => inspectExchange(Buffer.from(i.base64, 'base64')),
  'exchange.preview': (ctx, i) => previewExchange(ctx, Buffer.from(i.base64, 'base64'), { password: i.password, fileName: i.fileName }),
  'exchange.commit': (ctx, i) => commitExchange(ctx, i.id, { resolutions: i.resolutions, bulk: i.bulk }),
  'audit.list': (ctx, i) => listAudit(ctx, i),
  'funding.list': (ctx, i) => listFunding(ctx, i),
  'funding.create': (ctx, i) => createFunding(ctx, i),
  'funding.update': (ctx, i) => updateFunding(ctx, i.id, i.fields),
  'funding.delete': (ctx, i) => deleteFunding(ctx, i.id),
  'funding.totals': (ctx, i) => fundingTotalsTable(ctx, i),
  'auth.setup': async (ctx, i, { transport }) => signedIn(transport, await setupAdmin(ctx, i, transport.origin)),
  'auth.login': async (ctx, i, { transport }) => signedIn(transport, await login(ctx, i, transport.origin)),
  'auth.logout': async (ctx, _i, { transport }) => {
    if (transport.sessionId) await logout(ctx, transport.sessionId, transport.origin);
    transport.keepSession?.(null);
    return { ok: true } as const;
  },
  'auth.me': async (ctx, _i, { transport }) => ({ ...(await me(ctx, transport.sessionId)), engine: ctx.ledger.engine }),
  'auth.changePassword': (ctx, i, { transport }) => changePassword(ctx, { ...i, sessionId: transport.sessionId ?? '' }, transport.origin),
  'users.list': (ctx) => listUsers(ctx),
  'users.create': (ctx, i, call) => createUser(ctx, own(call), i),
  'users.update': (ctx, i, call) => updateUser(ctx, own(call), i),
  'users.resetPassword': (ctx, i, call) => resetPassword(ctx, own(call), i),
  'loginLog.list': (ctx, i) => listLoginLog(ctx, i),
};

/** Where unexpected errors go (the shell logs them to a file); the caller only sees a Chinese message. */
export type ErrorSink = (channel: string, error: unknown) => void;

/** Channels answered without the organization index, so never held behind its warm-up. */
const WITHOUT_INDEX: ReadonlySet<string> = new Set(['orgs.list', 'settings.get', 'regions.list']);

export async function dispatch(
  ctx: Ctx,
  channel: string,
  rawInput: unknown,
  onError?: ErrorSink,
  transport: Transport = {},
): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `没有名为“${clip(channel)}”的接口` } };
  }
  try {
    // Who calls comes before what they send: a stranger learns nothing of a channel's input.
    const caller = PUBLIC_CHANNELS.has(channel) ? null : await requireCaller(ctx, transport.sessionId, channel);
    const parsed = contract[channel].input.safeParse(rawInput ?? undefined);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      // A form shows one message per box; a hostile list of 100,000 bad items needs no longer answer.
      return { ok: false, error: { code: 'invalid_input', message: `输入有误：${describeErrors(fields)}`, fields: fields.slice(0, 100) } };
    }
    // Right after start the organization index is still being built in slices: wait for it (it then
    // hurries) rather than build the rest at once and hold the page's scripts behind this request.
    // The shell's first reads need no index, and the plain 两新组织 list answers its first pages
    // without it (orgs.ts).
    const warming = WITHOUT_INDEX.has(channel) ? undefined : afterWarmUp(ctx);
    if (warming) await warming;
    await catchUpWithOtherWriters(ctx);
    const handler = handlers[channel] as (ctx: Ctx, input: unknown, call: Call) => unknown;
    const call: Call = { caller, transport };
    const data = await (caller ? withCaller(caller, () => handler(ctx, parsed.data, call)) : handler(ctx, parsed.data, call));
    return { ok: true, data };
  } catch (e) {
    const message = clerkMessage(e);
    if (e instanceof AppError) {
      // A service's own message that leaked English or a path is replaced; the original goes to the log.
      if (message !== e.message) onError?.(channel, e);
      return { ok: false, error: { code: e.code, message, fields: e.fields } };
    }
    onError?.(channel, e);
    return { ok: false, error: { code: 'internal', message } };
  }
}
