import { Box, Stack, Table, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/**
 * A chart with its words: a title, a sentence with the figures that matter, and the chart
 * itself hidden from screen readers (an SVG of bars says nothing aloud); the table next to it
 * (FiguresTable) carries every figure the chart draws.
 */
export function ChartFigure({
  title,
  summary,
  children,
}: {
  title: string;
  summary: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Stack component="figure" m={0} gap="xs" aria-labelledby={titleId}>
      <Title order={3} size="h5" id={titleId}>
        {title}
      </Title>
      <Text size="sm" component="figcaption">
        {summary}
      </Text>
      <Box aria-hidden>{children}</Box>
    </Stack>
  );
}

/** Every figure of a chart as a table, scrolling sideways on a phone rather than squeezing. */
export function FiguresTable({
  caption,
  columns,
  rows,
  testId,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; header: string; cells: ReactNode[] }[];
  testId: string;
}) {
  return (
    // Focusable and named: a keyboard user scrolls a table wider than the phone (axe:
    // scrollable-region-focusable).
    <Table.ScrollContainer
      minWidth={columns.length * 96}
      type="native"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <Table striped withTableBorder data-testid={testId} fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={c} scope="col" ta={i === 0 ? 'left' : 'right'}>
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                {row.header}
              </Table.Th>
              {row.cells.map((cell, i) => (
                <Table.Td key={i} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {cell}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
