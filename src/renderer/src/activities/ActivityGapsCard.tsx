/** 提醒: the 1+N branches that missed last quarter's 恳谈会 and the party organizations without a 主题党日 for three months. */
import { Anchor, Badge, Card, Group, ScrollArea, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ACTIVITY_GAPS } from '../../../shared/domain/activityCodes';
import { labelOf } from '../../../shared/domain/codes';
import { Loading } from '../common';
import { useApi } from '../queries';

export function ActivityGapsCard({ regionId }: { regionId?: number }) {
  const { data, error } = useApi('activities.gaps', { regionId });
  return (
    <Card withBorder data-testid="activity-gaps">
      <Group gap="xs" mb="xs">
        <Title order={4}>提醒</Title>
        {data && (
          <Text size="sm" c="dimmed">
            {data.length ? `${data.length} 条` : '无'}
          </Text>
        )}
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : data.length === 0 ? (
        <Text size="sm">各区域化“1+N”党支部上季度都召开了恳谈会，各党组织近三个月都开展了主题党日。</Text>
      ) : (
        <ScrollArea.Autosize mah={210} type="auto">
          <Table fz="sm" withRowBorders>
            <Table.Tbody>
              {data.map((g) => (
                <Table.Tr key={`${g.partyOrgId}-${g.code}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/party-orgs/${g.partyOrgId}`}>
                      {g.partyOrgName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{g.regionName}</Table.Td>
                  <Table.Td>
                    <Badge color="orange" variant="light" style={{ overflow: 'visible' }}>
                      {labelOf(ACTIVITY_GAPS, g.code)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{g.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}
