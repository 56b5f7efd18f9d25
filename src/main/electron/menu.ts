/** The Chinese application menu. Shortcuts the renderer handles are sent to it as key presses. */
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(o: { dataFile: string; openDataDir: () => void }): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '打开数据目录', click: () => o.openDataDir() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'Ctrl+Q' },
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
        {
          label: '关于两新党建台账',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: `两新党建台账 ${app.getVersion()}`,
              detail: `数据文件：${o.dataFile}`,
              buttons: ['确定'],
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
