/** 参加培训: the classes an instructor is recorded as attending, for the instructor's page. */
import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { labelOf } from '../../../shared/domain/codes';
import { TRAINING_TARGETS } from '../../../shared/domain/trainingCodes';
import { useApi } from '../queries';
import { dateSpan } from './TrainingListPage';

export function InstructorTrainings({ instructorId }: { instructorId: number }) {
  const { data } = useApi('trainings.list', { instructorId, limit: 200 });
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        参加培训
      </Title>
      {!data || data.total === 0 ? (
        <Text c="dimmed">{data ? '尚无参加培训的记录' : '正在加载…'}</Text>
      ) : (
        <Table data-testid="instructor-trainings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>日期</Table.Th>
              <Table.Th>培训主题</Table.Th>
              <Table.Th>培训对象</Table.Th>
              <Table.Th>举办单位</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{dateSpan(t.startDate, t.endDate)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/trainings/${t.id}`}>
                    {t.topic}
                  </Anchor>
                </Table.Td>
                <Table.Td>{labelOf(TRAINING_TARGETS, t.target)}</Table.Td>
                <Table.Td>{t.organizer}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
