/**
 * A button that opens the browser's file picker: a real button (focusable, labelled, pressed with
 * Enter or Space) in front of a hidden file input, which it clicks.
 */
import { useRef, type ReactNode } from 'react';

interface FileButtonProps {
  children: ReactNode;
  /** The input's `accept`: extensions or media types the picker offers first. */
  accept: string;
  onFile: (file: File) => void;
  disabled?: boolean;
  className?: string;
  'aria-describedby'?: string;
}

export function FileButton({
  children,
  accept,
  onFile,
  disabled,
  className = 'button',
  'aria-describedby': describedBy,
}: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => input.current?.click()}
      >
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that choosing the same file again is a change too.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
