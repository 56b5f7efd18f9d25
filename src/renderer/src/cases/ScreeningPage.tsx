/** 排查: the party organizations the data says may be 软弱涣散 in a year, and 认定 of one of them. */
import { Alert, Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '../../../shared/rules/dates';
import type { CaseSuggestion } from '../../../shared/types';
import { invoke } from '../api';
import { Loading, notifyDone, notifyError, yearOptions } from '../common';
import { DateField, todayText } from '../DateField';
import { useApi, useSettings } from '../queries';

export function ScreeningPage() {
  const navigate = useNavigate();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const { data, error, isLoading: loading } = useApi('cases.suggest', { year: Number(year) });
  const settings = useSettings();
  const [picked, setPicked] = useState<CaseSuggestion | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>软弱涣散排查</Title>
        <Group>
          <Select label="排查年度" data={yearOptions()} value={year} onChange={(v) => v && setYear(v)} w={140} allowDeselect={false} />
          <Button variant="default" onClick={() => navigate('/cases')} mt={24}>
            整顿台账
          </Button>
        </Group>
      </Group>
      <Text c="dimmed" size="sm">
        依据台账数据列出可能软弱涣散的党组织：书记空缺、换届逾期、星级2星及以下或未评定、阵地建设低于
        {settings.data?.venueThreshold ?? '—'}项、无发展党员。已认定的不再列出。确认后“认定”为整顿对象。
      </Text>
      {loading || !data ? (
        <Loading error={error} />
      ) : data.length === 0 ? (
        <Alert color="green">该年度没有需要排查的党组织。</Alert>
      ) : (
        <Table striped highlightOnHover withTableBorder data-testid="suggestions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>序号</Table.Th>
              <Table.Th>党组织</Table.Th>
              <Table.Th w={140}>属地</Table.Th>
              <Table.Th>排查依据</Table.Th>
              <Table.Th w={120}>操作</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((s, i) => (
              <Table.Tr key={s.partyOrgId}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>
                  <Text size="sm">{s.partyOrgName}</Text>
                  {s.hadEarlierCase && (
                    <Badge color="grape" variant="light" size="sm">
                      曾被认定
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{s.regionName}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {s.reasons.map((r) => (
                      <Text key={r} size="sm">
                        · {r}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" onClick={() => setPicked(s)}>
                    认定
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {picked && settings.data && (
        <IdentifyModal
          suggestion={picked}
          year={Number(year)}
          situations={settings.data.situations}
          onClose={() => setPicked(null)}
          onDone={(id) => {
            setPicked(null);
            navigate(`/cases/${id}`);
          }}
        />
      )}
    </Stack>
  );
}

function IdentifyModal(props: {
  suggestion: CaseSuggestion;
  year: number;
  situations: string[];
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const s = props.suggestion;
  const [chosen, setChosen] = useState<string[]>(s.situations);
  const [other, setOther] = useState('');
  const [problems, setProblems] = useState(s.reasons.join('；'));
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(todayIso());
  const [batch, setBatch] = useState(`${props.year}年第一批`);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const situations = other.trim() ? [...chosen, other.trim()] : chosen;
      const c = await invoke('cases.create', { partyOrgId: s.partyOrgId, year: props.year, batch, date, situations, problems, reason });
      notifyDone(`已认定“${s.partyOrgName}”为${props.year}年度软弱涣散基层党组织${c.isRepeat ? '（重复认定）' : ''}`);
      props.onDone(c.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      notifyError(e, '认定未完成');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={`认定：${s.partyOrgName}`} size="lg">
      <Stack>
        <Group grow>
          <DateField label="认定日期" value={date} onChange={(v) => setDate(v ?? '')} maxDate={todayText()} required />
          <TextInput label="批次" value={batch} onChange={(e) => setBatch(e.currentTarget.value)} />
        </Group>
        <Checkbox.Group label="认定情形（可多选）" value={chosen} onChange={setChosen} withAsterisk>
          <Stack gap={6} mt={6}>
            {props.situations.map((x) => (
              <Checkbox key={x} value={x} label={x} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput label="其他情形（选填，手工补充）" value={other} onChange={(e) => setOther(e.currentTarget.value)} />
        <Textarea
          label="问题清单"
          value={problems}
          onChange={(e) => setProblems(e.currentTarget.value)}
          autosize
          minRows={3}
          withAsterisk
        />
        <Textarea label="认定理由" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            取消
          </Button>
          <Button onClick={save} loading={saving}>
            确认认定
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
