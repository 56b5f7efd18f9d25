/**
 * The Chinese application menu. Ctrl+N / Ctrl+F / Ctrl+P / Ctrl+E belong to the page the clerk is on:
 * they are shown here but not registered (the page handles the key press), and a click on the menu
 * item sends the same command to the page.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { PageCommand } from '../../shared/pageCommands';

export interface MenuActions {
  pageCommand(command: PageCommand): void;
  openDataDir(): void;
  about(): void;
}

export function menuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const page = (label: string, accelerator: string, command: PageCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => a.pageCommand(command),
  });
  return [
    {
      label: '文件',
      submenu: [
        page('新建记录', 'CmdOrCtrl+N', 'new'),
        page('打印当前台账', 'CmdOrCtrl+P', 'print'),
        page('导出 Excel', 'CmdOrCtrl+E', 'export'),
        { type: 'separator' },
        { label: '打开数据目录', click: () => a.openDataDir() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
        { type: 'separator' },
        page('查找', 'CmdOrCtrl+F', 'search'),
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新载入', role: 'reload' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        { label: '打开数据目录', click: () => a.openDataDir() },
        { label: '关于两新党建台账', click: () => a.about() },
      ],
    },
  ];
}
