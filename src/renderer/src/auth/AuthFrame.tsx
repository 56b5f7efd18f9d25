/** The centred card the login, first-start and forced password-change pages share. */
import { Card, Center, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

export function AuthFrame({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - 两新党建台账`;
  }, [title]);
  return (
    <Center mih="100vh" bg="gray.1">
      <Card withBorder shadow="sm" w={420} p="xl" component="main">
        <Stack gap="md">
          <div>
            <Title order={2}>两新党建台账</Title>
            <Text c="dimmed" size="sm">
              {title}
            </Text>
          </div>
          {note}
          {children}
        </Stack>
      </Card>
    </Center>
  );
}
