/**
 * The commands a page answers to (Ctrl+N 新建, Ctrl+F 查找, Ctrl+P 打印, Ctrl+E 导出, Ctrl+S 保存), named
 * once for the menu (main), the preload's bridge and the page.
 */
export const PAGE_COMMANDS = ['new', 'search', 'print', 'export', 'save'] as const;

export type PageCommand = (typeof PAGE_COMMANDS)[number];

export const isPageCommand = (c: unknown): c is PageCommand => typeof c === 'string' && (PAGE_COMMANDS as readonly string[]).includes(c);
