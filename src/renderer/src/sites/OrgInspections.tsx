/** A social organization's 年检 by year on its page, with a link to record this year's. */
import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { labelOf } from '../../../shared/domain/codes';
import { PARTY_REVIEW_RESULTS } from '../../../shared/domain/siteCodes';
import { useApi } from '../queries';
import { useCan } from '../session';
import { ResultBadge } from './InspectionsPage';

export function OrgInspections({ orgId, orgName }: { orgId: number; orgName: string }) {
  const { data } = useApi('inspections.history', { orgId });
  const canWrite = useCan('inspections.set');
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>年检及党建工作审查</Title>
        {canWrite && (
          <Button size="xs" variant="default" component={Link} to={`/inspections?query=${encodeURIComponent(orgName)}`}>
            登记年检
          </Button>
        )}
      </Group>
      {!data?.length ? (
        <Text c="dimmed">尚无年检记录</Text>
      ) : (
        <Table data-testid="org-inspections">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>年度</Table.Th>
              <Table.Th>年检结论</Table.Th>
              <Table.Th>党建工作审查</Table.Th>
              <Table.Th>备注</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.year}年度</Table.Td>
                <Table.Td>
                  <ResultBadge result={r.result} />
                </Table.Td>
                <Table.Td>{labelOf(PARTY_REVIEW_RESULTS, r.partyReview)}</Table.Td>
                <Table.Td>{r.remarks ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
