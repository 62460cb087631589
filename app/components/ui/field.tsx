/**
 * Form fields: `Field` renders the label, the hint and the error next to the control and wires
 * `id`, `aria-invalid` and `aria-describedby` into its child (Input, Textarea or Select).
 */
import { cloneElement, isValidElement, useId, forwardRef } from "react";
import { cn } from "./cn";

const CONTROL =
  "block w-full rounded-md border bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 " +
  "focus:outline-none focus:ring-2 focus:ring-brand-500 focus:border-brand-500 " +
  "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 read-only:bg-slate-50";

function controlClasses(invalid: boolean | undefined, className?: string) {
  return cn(CONTROL, invalid ? "border-red-500" : "border-slate-300", className);
}

type InvalidProps = { "aria-invalid"?: React.AriaAttributes["aria-invalid"] };
const isInvalid = (p: InvalidProps) => p["aria-invalid"] === true || p["aria-invalid"] === "true";

export const Input = forwardRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, ...rest },
  ref,
) {
  return <input ref={ref} className={controlClasses(isInvalid(rest), cn("h-10", className))} {...rest} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, React.TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea(
  { className, rows = 4, ...rest },
  ref,
) {
  return <textarea ref={ref} rows={rows} className={controlClasses(isInvalid(rest), cn("py-2 leading-6", className))} {...rest} />;
});

export const Select = forwardRef<HTMLSelectElement, React.SelectHTMLAttributes<HTMLSelectElement>>(function Select(
  { className, children, ...rest },
  ref,
) {
  return (
    <select ref={ref} className={controlClasses(isInvalid(rest), cn("h-10 pr-8", className))} {...rest}>
      {children}
    </select>
  );
});

export interface FieldProps {
  label: React.ReactNode;
  /** Shown under the label; also read by screen readers with the control. */
  hint?: React.ReactNode;
  error?: string | null;
  /** Marks the label visually as optional. */
  optionalLabel?: string;
  className?: string;
  /** Visually hide the label (still read by screen readers). */
  hideLabel?: boolean;
  children: React.ReactElement;
}

export function Field({ label, hint, error, optionalLabel, className, hideLabel, children }: FieldProps) {
  const auto = useId();
  const childProps = (isValidElement(children) ? children.props : {}) as { id?: string; "aria-describedby"?: string };
  const id = childProps.id ?? `f${auto}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [childProps["aria-describedby"], hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className={cn("block text-sm font-medium text-slate-800", hideLabel && "sr-only")}>
        {label}
        {optionalLabel ? <span className="ml-1.5 font-normal text-slate-500">({optionalLabel})</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-xs leading-5 text-slate-600">
          {hint}
        </p>
      ) : null}
      {cloneElement(children as React.ReactElement<Record<string, unknown>>, {
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {error ? (
        <p id={errorId} className="flex items-start gap-1.5 text-sm text-red-700" role="alert">
          <svg viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 h-4 w-4 shrink-0" aria-hidden>
            <path
              fillRule="evenodd"
              d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM9 6a1 1 0 1 1 2 0v4a1 1 0 1 1-2 0V6Zm1 9a1.2 1.2 0 1 0 0-2.4A1.2 1.2 0 0 0 10 15Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
