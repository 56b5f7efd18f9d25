/**
 * 登记 / 编辑 a training class on its own page: dates (no later than today: only classes held are
 * recorded), topic, target group, organizer and region, 期数 and 人次, and the attendees known by name.
 * Leaving with unsaved input asks first; 删除 asks too.
 */
import { Button, Card, Group, NumberInput, Select, SimpleGrid, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { TRAINING_TARGETS, type TrainingTarget } from '../../../shared/domain/trainingCodes';
import { COUNTY_LEVEL, type TrainingAttendee, type TrainingDetail, trainingFieldsSchema } from '../../../shared/records/trainings';
import { invoke } from '../api';
import { confirmDelete, FormFrame, Loading } from '../common';
import { DateField, todayText } from '../DateField';
import { num, schemaValidate } from '../formErrors';
import { usePageFormSave } from '../formSave';
import { options } from '../ledgerBits';
import { useApi, useSettings } from '../queries';
import { RegionSelect, useOwnRegion } from '../RegionSelect';
import { useAccount, useCan } from '../session';
import { AttendeePicker } from './AttendeePicker';
import { COUNTY_VALUE } from './TrainingListPage';

interface FormValues {
  startDate: string;
  endDate: string;
  topic: string;
  target: TrainingTarget | null;
  organizer: string;
  /** `county` for the county's own class, else the region's id as text. */
  region: string | null;
  place: string;
  sessions: number | string;
  attendances: number | string;
  remarks: string;
  attendees: TrainingAttendee[];
}

function toInput(v: FormValues) {
  return {
    ...v,
    region: undefined,
    regionId: v.region && v.region !== COUNTY_VALUE ? Number(v.region) : null,
    target: v.target ?? undefined,
    sessions: num(v.sessions),
    attendances: v.attendances === '' ? undefined : Number(v.attendances),
    attendees: v.attendees.map(({ label: _l, ...a }) => a),
  };
}

const validate = schemaValidate(trainingFieldsSchema, (v: FormValues) => toInput(v));

const toForm = (t: TrainingDetail): FormValues => ({
  startDate: t.startDate,
  endDate: t.endDate,
  topic: t.topic,
  target: t.target,
  organizer: t.organizer,
  region: t.regionId == null ? COUNTY_VALUE : String(t.regionId),
  place: t.place ?? '',
  sessions: t.sessions,
  attendances: t.attendances,
  remarks: t.remarks ?? '',
  attendees: t.attendees,
});

export function TrainingFormPage({ id }: { id: number | null }) {
  const existing = useApi('trainings.get', { id: id ?? 0 }, { enabled: id != null });
  const settings = useSettings();
  const ownRegion = useOwnRegion();
  if (id != null && !existing.data) return <Loading error={existing.error} />;
  if (!settings.data) return <Loading error={settings.error} />;
  const blank: FormValues = {
    startDate: '',
    endDate: '',
    topic: '',
    target: null,
    organizer: settings.data.reportingUnit,
    region: ownRegion ?? COUNTY_VALUE,
    place: '',
    sessions: 1,
    attendances: '',
    remarks: '',
    attendees: [],
  };
  return <TrainingForm id={id} initial={existing.data ? toForm(existing.data) : blank} />;
}

function TrainingForm({ id, initial }: { id: number | null; initial: FormValues }) {
  const navigate = useNavigate();
  const form = useForm<FormValues>({ initialValues: initial, validate, validateInputOnBlur: true });
  const today = todayText();

  // A reader who may not change it sees it disabled; so does a 乡镇经办 a county-level class (or, by an
  // old link, another region's): the core would refuse the save.
  const account = useAccount();
  const mayWrite = useCan(id ? 'trainings.update' : 'trainings.create');
  const outsideRegions =
    id != null && !!account?.regionIds.length && (initial.region === COUNTY_VALUE || !account.regionIds.includes(Number(initial.region)));
  const readOnly = !mayWrite || outsideRegions;
  const { save, saving, guard } = usePageFormSave(form, {
    readOnly,
    run: (values) => {
      const fields = trainingFieldsSchema.parse(toInput(values));
      return id ? invoke('trainings.update', { id, fields }) : invoke('trainings.create', fields);
    },
    after: (saved) => ({ message: `培训班“${saved.topic}”已保存`, to: '/trainings' }),
  });
  const cancel = () => navigate('/trainings');
  const attendeeError = Object.entries(form.errors).find(([k]) => k === 'attendees' || k.startsWith('attendees.'))?.[1];

  return (
    <FormFrame
      title={readOnly ? `培训班：${initial.topic}` : id ? `编辑培训班：${initial.topic}` : '登记培训班'}
      saving={saving}
      onSave={() => void save()}
      onCancel={cancel}
      readOnly={readOnly}
    >
      <Card withBorder>
        <Title order={4} mb="sm">
          培训班
        </Title>
        <SimpleGrid cols={3}>
          <DateField
            label="开始日期"
            withAsterisk
            maxDate={today}
            {...form.getInputProps('startDate')}
            onChange={(d) => {
              form.setFieldValue('startDate', d ?? '');
              // A one-day class is the common case: the end follows the start until it is set.
              if (d && (!form.values.endDate || form.values.endDate < d)) form.setFieldValue('endDate', d);
            }}
          />
          <DateField
            label="结束日期"
            withAsterisk
            maxDate={today}
            {...form.getInputProps('endDate')}
            onChange={(d) => form.setFieldValue('endDate', d ?? '')}
          />
          <Select label="培训对象" withAsterisk data={options(TRAINING_TARGETS)} {...form.getInputProps('target')} />
          <TextInput label="培训主题" withAsterisk style={{ gridColumn: 'span 2' }} {...form.getInputProps('topic')} />
          <RegionSelect
            label="举办属地"
            extra={[{ value: COUNTY_VALUE, label: COUNTY_LEVEL }]}
            allowDeselect={false}
            {...form.getInputProps('region')}
          />
          <TextInput label="举办单位" withAsterisk placeholder="如 旗委组织部、某苏木党委" {...form.getInputProps('organizer')} />
          <TextInput label="培训地点" {...form.getInputProps('place')} />
          <Group grow align="flex-start">
            <NumberInput label="期数" withAsterisk min={1} allowDecimal={false} {...form.getInputProps('sessions')} />
            <NumberInput label="培训人次" withAsterisk min={0} allowDecimal={false} {...form.getInputProps('attendances')} />
          </Group>
        </SimpleGrid>
        <Textarea mt="sm" label="备注" autosize minRows={2} {...form.getInputProps('remarks')} />
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          参训人员
        </Title>
        <AttendeePicker
          value={form.values.attendees}
          onChange={(v) => form.setFieldValue('attendees', v)}
          error={attendeeError ? String(attendeeError) : null}
          readOnly={readOnly}
        />
      </Card>
      {id != null && !readOnly && (
        <Group>
          <Text size="sm" c="dimmed">
            删除后该培训班不再计入统计和台账，操作日志中保留记录。
          </Text>
          <Button
            color="red"
            variant="light"
            onClick={() =>
              confirmDelete({
                title: '删除培训班',
                body: `确定删除培训班“${initial.topic}”吗？`,
                name: initial.topic,
                run: () => invoke('trainings.delete', { id }),
                after: () => {
                  guard.release();
                  navigate('/trainings');
                },
              })
            }
          >
            删除培训班
          </Button>
        </Group>
      )}
    </FormFrame>
  );
}
