/**
 * A list's search box. Its text is its own state, so a keystroke redraws the box and not the page;
 * the list hears each change through `onSearch`. Ctrl+F focuses it (the page passes the ref).
 */
import { TextInput } from '@mantine/core';
import { memo, type Ref, useState } from 'react';

export const ListSearch = memo(function ListSearch(props: {
  initial: string;
  onSearch: (text: string) => void;
  placeholder: string;
  width?: number;
  ref?: Ref<HTMLInputElement>;
}) {
  const [text, setText] = useState(props.initial);
  return (
    <TextInput
      ref={props.ref}
      label="查找"
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        props.onSearch(e.currentTarget.value);
      }}
      w={props.width ?? 300}
    />
  );
});
