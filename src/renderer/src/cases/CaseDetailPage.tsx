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
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Input } from '../../../shared/contract';
import { type CaseAction, labelOf, PARTY_ORG_TYPES } from '../../../shared/domain/codes';
import { todayIso } from '../../../shared/rules/dates';
import type { CaseDetail, CaseEventView } from '../../../shared/types';
import { invoke } from '../api';
import { CaseStateBadge, Loading, notifyDone, notifyError } from '../common';
import { DateField, todayText } from '../DateField';
import { useApi } from '../queries';

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
  if (loading && !data) return <Loading />;
  if (!data) return <Loading error={error} />;
  const c = data;
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
          <Field label="包联县级领导" value={c.leaderCounty} />
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
      {action && (
        <ActionModal
          c={c}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
          }}
        />
      )}
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

function eventTitle(e: CaseEventView): string {
  switch (e.kind) {
    case 'identify':
      return '排查认定';
    case 'plan':
      return '制定整顿方案';
    case 'progress':
      return '月度进展';
    case 'accept':
      return e.data.passed ? '验收通过' : '验收未通过，退回整顿';
    case 'delist':
      return '销号';
    case 'reopen':
      return '回头看，重新整顿';
  }
}

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
      return line(`措施：${p.measures}；责任人：${p.responsible}；时限：${p.deadline}；包联领导：${p.leaderCounty}`);
    }
    case 'progress':
      return line(String(d.note));
    case 'accept':
      return line(
        `得分${d.score}${d.satisfaction != null ? `，满意度${d.satisfaction}%` : ''}；意见：${d.opinion}${d.passed ? '' : `；新的整顿时限：${d.newDeadline}`}`,
      );
    case 'reopen':
      return line(String(d.reason));
    default:
      return null;
  }
}

function ActionModal({ c, action, onClose, onDone }: { c: CaseDetail; action: CaseAction; onClose: () => void; onDone: () => void }) {
  const [date, setDate] = useState(todayIso());
  const [plan, setPlan] = useState({
    measures: c.measures ?? '',
    goal: c.goal ?? '',
    responsible: c.responsible ?? '',
    deadline: c.deadline ?? '',
    leaderCounty: c.leaderCounty ?? '',
    leaderTownship: c.leaderTownship ?? '',
    instructorName: c.instructorName ?? '',
    pairingDept: c.pairingDept ?? '',
    listedDate: c.listedDate ?? '',
  });
  const [note, setNote] = useState('');
  const [score, setScore] = useState<number | string>('');
  const [satisfaction, setSatisfaction] = useState<number | string>('');
  const [passed, setPassed] = useState('yes');
  const [opinion, setOpinion] = useState('');
  const [newDeadline, setNewDeadline] = useState('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const input = (): Input<'cases.act'> => {
    switch (action) {
      case 'plan':
        return { id: c.id, date, action, plan };
      case 'progress':
        return { id: c.id, date, action, note };
      case 'accept':
        return {
          id: c.id,
          date,
          action,
          score: typeof score === 'number' ? score : Number.NaN,
          passed: passed === 'yes',
          satisfaction: typeof satisfaction === 'number' ? satisfaction : null,
          opinion,
          newDeadline: passed === 'yes' ? null : newDeadline,
        };
      case 'delist':
        return { id: c.id, date, action };
      case 'reopen':
        return { id: c.id, date, action, reason };
    }
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await invoke('cases.act', input());
      notifyDone(`${ACTION_BUTTONS.find((b) => b.action === action)?.label}：已记录`);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  const p = (key: keyof typeof plan, label: string, extra: { type?: string; required?: boolean; area?: boolean } = {}) =>
    extra.area ? (
      <Textarea
        label={label}
        value={plan[key]}
        onChange={(e) => setPlan({ ...plan, [key]: e.currentTarget.value })}
        autosize
        minRows={2}
        withAsterisk={extra.required}
      />
    ) : extra.type === 'date' ? (
      <DateField label={label} value={plan[key]} onChange={(v) => setPlan({ ...plan, [key]: v ?? '' })} withAsterisk={extra.required} />
    ) : (
      <TextInput
        label={label}
        value={plan[key]}
        onChange={(e) => setPlan({ ...plan, [key]: e.currentTarget.value })}
        withAsterisk={extra.required}
      />
    );

  return (
    <Modal opened onClose={onClose} title={ACTION_BUTTONS.find((b) => b.action === action)?.label} size="lg">
      <Stack>
        <DateField label="日期" value={date} onChange={(v) => setDate(v ?? '')} maxDate={todayText()} withAsterisk />
        {action === 'plan' && (
          <>
            {p('measures', '整顿措施', { required: true, area: true })}
            {p('goal', '整顿目标', { required: true })}
            <Group grow>
              {p('responsible', '责任人', { required: true })}
              {p('deadline', '整顿时限', { type: 'date', required: true })}
            </Group>
            <Group grow>
              {p('leaderCounty', '包联县级领导', { required: true })}
              {p('leaderTownship', '乡镇领导 / 第一书记')}
            </Group>
            <Group grow>
              {p('instructorName', '指导员')}
              {p('pairingDept', '结对部门')}
            </Group>
            {p('listedDate', '挂牌日期', { type: 'date' })}
          </>
        )}
        {action === 'progress' && (
          <Textarea label="本月进展" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} withAsterisk />
        )}
        {action === 'accept' && (
          <>
            <SegmentedControl
              value={passed}
              onChange={setPassed}
              data={[
                { value: 'yes', label: '验收通过' },
                { value: 'no', label: '验收未通过' },
              ]}
            />
            <Group grow>
              <NumberInput label="验收得分（百分制）" value={score} onChange={setScore} min={0} max={100} withAsterisk />
              <NumberInput label="群众满意度（%）" value={satisfaction} onChange={setSatisfaction} min={0} max={100} />
            </Group>
            <Textarea
              label="验收意见"
              value={opinion}
              onChange={(e) => setOpinion(e.currentTarget.value)}
              autosize
              minRows={2}
              withAsterisk
            />
            {passed === 'no' && (
              <DateField label="新的整顿时限" value={newDeadline} onChange={(v) => setNewDeadline(v ?? '')} withAsterisk />
            )}
          </>
        )}
        {action === 'delist' && <Text size="sm">销号后，该党组织本年度转入“规范建设”类别。一年内可“回头看”重新整顿。</Text>}
        {action === 'reopen' && (
          <Textarea
            label="回头看发现的问题"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            withAsterisk
          />
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={save} loading={saving}>
            确定
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
