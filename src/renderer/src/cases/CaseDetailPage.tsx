/**
 * One case: its facts, the full dated timeline, and the next steps the life cycle allows. Nothing is
 * edited in place: a correction is a new step (a revised plan, another acceptance), kept in the timeline.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { caseStepTitle } from '../../../shared/audit/labels';
import { type CaseAction, labelOf, PARTY_ORG_TYPES } from '../../../shared/domain/codes';
import { sameDayAsIdentified } from '../../../shared/rules/caseLifecycle';
import type { CaseDetail, CaseEventView } from '../../../shared/types';
import { CaseStateBadge, errorText, Loading, notifyDone, notifyError } from '../common';
import { DateField, todayText } from '../DateField';
import { apiFieldErrors } from '../formErrors';
import { confirmDiscard, useLeaveGuard } from '../leaveGuard';
import { useApi, useApiMutation, useSettings } from '../queries';
import { queryClient } from '../queryClient';
import { isStaleSave } from '../saveConflict';
import { useCan } from '../session';
import { type ActionValues, initialValues, toInput, validateAction } from './actionForm';
import { InstructorPicker, LeaderPicker } from './PlanPickers';

const ACTION_BUTTONS: { action: CaseAction; label: string }[] = [
  { action: 'plan', label: '制定整顿方案' },
  { action: 'progress', label: '记录月度进展' },
  { action: 'accept', label: '验收' },
  { action: 'delist', label: '销号' },
  { action: 'reopen', label: '回头看重新整顿' },
];

export function CaseDetailPage({ id }: { id: number }) {
  const navigate = useNavigate();
  const { data, error, isLoading: loading } = useApi('cases.get', { id });
  const [action, setAction] = useState<CaseAction | null>(null);
  const canAct = useCan('cases.act');
  if (loading && !data) return <Loading />;
  if (!data) return <Loading error={error} />;
  const c = data;
  const leader = c.leaderCountyTitle ? `${c.leaderCounty}（${c.leaderCountyTitle}）` : c.leaderCounty;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor size="sm" onClick={() => navigate('/cases')}>
            ← 整顿台账
          </Anchor>
          <Title order={2}>{c.partyOrgName}</Title>
          <Group gap="xs">
            <CaseStateBadge state={c.state} />
            <Text size="sm" c="dimmed">
              {c.year}年度 {c.batch ?? ''} · {c.regionName} · {labelOf(PARTY_ORG_TYPES, c.partyOrgType)} · 党员{c.members}名
            </Text>
            {c.isRepeat && <Badge color="grape">重复认定</Badge>}
            {c.overdue && <Badge color="red">已逾期</Badge>}
          </Group>
        </Stack>
        {canAct && (
          <Group data-testid="case-actions">
            {ACTION_BUTTONS.map((b) => (
              <Button
                key={b.action}
                variant={b.action === c.allowedActions[0] ? 'filled' : 'default'}
                disabled={!c.allowedActions.includes(b.action)}
                onClick={() => setAction(b.action)}
              >
                {b.action === 'plan' && c.state === 'rectifying' ? '修订整顿方案' : b.label}
              </Button>
            ))}
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4} mb="xs">
            认定情况
          </Title>
          <Field label="认定日期" value={c.identifiedDate} />
          <Field label="认定情形" value={c.situations.join('、')} />
          <Field label="问题清单" value={c.problems} />
          <Field label="认定理由" value={c.reason} />
          <Field label="书记" value={c.secretaryName ?? '（空缺）'} />
        </Card>
        <Card withBorder>
          <Title order={4} mb="xs">
            整顿方案（问题、措施、责任、时限）
          </Title>
          <Field label="整顿措施" value={c.measures} />
          <Field label="整顿目标" value={c.goal} />
          <Field label="责任人" value={c.responsible} />
          <Field label="整顿时限" value={c.deadline} />
          <Field label="包联县级领导" value={leader} />
          <Field label="乡镇领导 / 第一书记" value={c.leaderTownship} />
          <Field label="指导员" value={c.instructorName} />
          <Field label="结对部门" value={c.pairingDept} />
          <Field label="挂牌日期" value={c.listedDate} />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={4} mb="sm">
          整顿过程
        </Title>
        <Timeline active={c.events.length - 1} bulletSize={18} data-testid="case-timeline">
          {c.events.map((e) => (
            <Timeline.Item key={e.id} title={`${e.date}　${eventTitle(e)}`}>
              <EventBody e={e} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
      {action && <ActionModal c={c} action={action} onClose={() => setAction(null)} />}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" mb={4}>
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value || '—'}
      </Text>
    </Group>
  );
}

/** The step's title, worded as the 操作日志 words it. */
const eventTitle = (e: CaseEventView) => caseStepTitle(e.kind, e.data.passed, e.data.belowLineReason);

function EventBody({ e }: { e: CaseEventView }) {
  const d = e.data as Record<string, unknown>;
  const line = (s: string) => (
    <Text size="sm" c="dimmed">
      {s}
    </Text>
  );
  switch (e.kind) {
    case 'identify':
      return line(`情形：${(d.situations as string[]).join('、')}；问题：${d.problems}${d.isRepeat ? '（重复认定）' : ''}`);
    case 'plan': {
      const p = d.plan as Record<string, string | null>;
      const leader = p.leaderCountyTitle ? `${p.leaderCounty}（${p.leaderCountyTitle}）` : p.leaderCounty;
      return line(
        `措施：${p.measures}；责任人：${p.responsible}；时限：${p.deadline}；包联领导：${leader ?? '—'}${p.instructorName ? `；指导员：${p.instructorName}` : ''}`,
      );
    }
    case 'progress':
      return line(String(d.note));
    case 'accept':
      return (
        <>
          {line(
            `得分${d.score}${d.satisfaction != null ? `，满意度${d.satisfaction}%` : ''}；意见：${d.opinion}${d.passed ? '' : `；新的整顿时限：${d.newDeadline}`}`,
          )}
          {typeof d.belowLineReason === 'string' && (
            <Text size="sm" c="orange.8" data-testid="below-line-reason">
              低于合格线（{String(d.passLine ?? '')}分）通过的理由：{d.belowLineReason}
            </Text>
          )}
        </>
      );
    case 'reopen':
      return line(String(d.reason));
    default:
      return null;
  }
}

function ActionModal({ c, action, onClose }: { c: CaseDetail; action: CaseAction; onClose: () => void }) {
  const today = todayText();
  const passLine = useSettings().data?.passLine ?? 70;
  const form = useForm<ActionValues>({ initialValues: initialValues(c, action, today), validate: validateAction(c, today, passLine) });
  const guard = useLeaveGuard(form.isDirty());
  const act = useApiMutation('cases.act');
  const [error, setError] = useState<string | null>(null);
  const v = form.values;
  const label = ACTION_BUTTONS.find((b) => b.action === action)?.label ?? '';

  const send = async (values: ActionValues) => {
    setError(null);
    try {
      // The version the page loaded: a step someone else recorded since is told here, not stacked on it.
      const saved = await act.mutateAsync({ ...toInput(values), version: c.version });
      // The next step starts from this one's version at once, not after the page has read the case again.
      queryClient.setQueryData(['cases.get', { id: c.id }], saved);
      guard.release();
      notifyDone(`${label}：已记录`);
      onClose();
    } catch (e) {
      // The page behind the dialog shows the case as it is now, the other clerk's step included.
      if (isStaleSave(e)) void queryClient.invalidateQueries({ queryKey: ['cases.get'] });
      form.setErrors(apiFieldErrors(e));
      setError(errorText(e));
      notifyError(e);
    }
  };
  const submit = form.onSubmit((values) => {
    // The core allows a step on the very day of 认定; it is unusual enough to ask first.
    if (action !== 'reopen' && sameDayAsIdentified(c.identifiedDate, values.date)) {
      modals.openConfirmModal({
        title: '与认定同一天',
        children: <Text size="sm">{`这一步的日期（${values.date}）与认定日期相同。确定是同一天完成的吗？`}</Text>,
        labels: { confirm: '确定，是同一天', cancel: '返回修改' },
        onConfirm: () => void send(values),
      });
      return;
    }
    void send(values);
  });
  const close = () => confirmDiscard(form.isDirty(), onClose);
  const below = action === 'accept' && v.passed && typeof v.score === 'number' && v.score < passLine;

  return (
    <Modal opened onClose={close} title={label} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <DateField
            label="日期"
            withAsterisk
            {...form.getInputProps('date')}
            onChange={(d) => form.setFieldValue('date', d ?? '')}
            excludeDate={(d) => String(d).slice(0, 10) > today}
            description={`不能晚于今天（${today}），不能早于认定日期（${c.identifiedDate}）和上一步`}
          />
          {action === 'plan' && (
            <>
              <Textarea label="整顿措施" autosize minRows={2} withAsterisk {...form.getInputProps('plan.measures')} />
              <TextInput label="整顿目标" withAsterisk {...form.getInputProps('plan.goal')} />
              <Group grow align="flex-start">
                <TextInput label="责任人" withAsterisk {...form.getInputProps('plan.responsible')} />
                <DateField
                  label="整顿时限"
                  withAsterisk
                  {...form.getInputProps('plan.deadline')}
                  onChange={(d) => form.setFieldValue('plan.deadline', d ?? '')}
                />
              </Group>
              <Group grow align="flex-start">
                <LeaderPicker form={form} level="county" />
                <LeaderPicker form={form} level="township" />
              </Group>
              <Group grow align="flex-start">
                <InstructorPicker form={form} />
                <TextInput label="结对部门" {...form.getInputProps('plan.pairingDept')} />
              </Group>
              <DateField
                label="挂牌日期"
                {...form.getInputProps('plan.listedDate')}
                onChange={(d) => form.setFieldValue('plan.listedDate', d ?? '')}
                excludeDate={(d) => String(d).slice(0, 10) > today}
              />
            </>
          )}
          {action === 'progress' && <Textarea label="本月进展" autosize minRows={3} withAsterisk {...form.getInputProps('note')} />}
          {action === 'accept' && (
            <>
              <SegmentedControl
                value={v.passed ? 'yes' : 'no'}
                onChange={(x) => form.setFieldValue('passed', x === 'yes')}
                data={[
                  { value: 'yes', label: '验收通过' },
                  { value: 'no', label: '验收未通过' },
                ]}
              />
              <Group grow align="flex-start">
                <NumberInput
                  label="验收得分（百分制）"
                  description={`合格线${passLine}分（在 设置 中修改）`}
                  min={0}
                  max={100}
                  withAsterisk
                  {...form.getInputProps('score')}
                />
                <NumberInput label="群众满意度（%）" min={0} max={100} {...form.getInputProps('satisfaction')} />
              </Group>
              {below && (
                <Textarea
                  label="低于合格线通过的理由"
                  description={`得分低于合格线${passLine}分仍通过验收，须写明理由，记入整顿过程`}
                  autosize
                  minRows={2}
                  withAsterisk
                  {...form.getInputProps('belowLineReason')}
                />
              )}
              <Textarea label="验收意见" autosize minRows={2} withAsterisk {...form.getInputProps('opinion')} />
              {!v.passed && (
                <DateField
                  label="新的整顿时限"
                  withAsterisk
                  {...form.getInputProps('newDeadline')}
                  onChange={(d) => form.setFieldValue('newDeadline', d ?? '')}
                />
              )}
            </>
          )}
          {action === 'delist' && <Text size="sm">销号后，该党组织本年度转入“规范建设”类别。一年内可“回头看”重新整顿。</Text>}
          {action === 'reopen' && <Textarea label="回头看发现的问题" autosize minRows={2} withAsterisk {...form.getInputProps('reason')} />}
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={act.isPending}>
              确定
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
