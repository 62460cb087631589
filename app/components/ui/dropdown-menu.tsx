/** Menus on Radix: arrow keys move, Enter selects, Escape closes, focus returns to the trigger. */
import * as Menu from "@radix-ui/react-dropdown-menu";
import { cn } from "./cn";

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuGroup = Menu.Group;
export const DropdownMenuRadioGroup = Menu.RadioGroup;

export function DropdownMenuContent({
  className,
  align = "end",
  children,
  ...rest
}: Menu.DropdownMenuContentProps) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={6}
        collisionPadding={8}
        className={cn(
          "z-50 min-w-[14rem] max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg",
          className,
        )}
        {...rest}
      >
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

const ITEM =
  "relative flex w-full cursor-default select-none items-center gap-2 rounded-md px-2.5 py-2 outline-none " +
  "data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900 data-[disabled]:opacity-50";

export function DropdownMenuItem({ className, ...rest }: Menu.DropdownMenuItemProps) {
  return <Menu.Item className={cn(ITEM, className)} {...rest} />;
}

export function DropdownMenuRadioItem({ className, children, ...rest }: Menu.DropdownMenuRadioItemProps) {
  return (
    <Menu.RadioItem className={cn(ITEM, "pl-8", className)} {...rest}>
      <Menu.ItemIndicator className="absolute left-2.5 inline-flex items-center text-brand-700">
        <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={2.2} aria-hidden>
          <path d="M20 6 9 17l-5-5" />
        </svg>
      </Menu.ItemIndicator>
      {children}
    </Menu.RadioItem>
  );
}

export function DropdownMenuLabel({ className, ...rest }: Menu.DropdownMenuLabelProps) {
  return <Menu.Label className={cn("px-2.5 py-1.5 text-xs font-medium text-slate-500", className)} {...rest} />;
}

export function DropdownMenuSeparator() {
  return <Menu.Separator className="my-1 h-px bg-slate-100" />;
}

/** A nested menu (e.g. "Move to ▸"): opens on hover, on Enter / → and closes on ←. */
export const DropdownMenuSub = Menu.Sub;

export function DropdownMenuSubTrigger({ className, children, ...rest }: Menu.DropdownMenuSubTriggerProps) {
  return (
    <Menu.SubTrigger className={cn(ITEM, "data-[state=open]:bg-slate-100", className)} {...rest}>
      {children}
      <svg viewBox="0 0 24 24" className="ml-auto h-4 w-4 text-slate-400" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
        <path d="m9 6 6 6-6 6" />
      </svg>
    </Menu.SubTrigger>
  );
}

export function DropdownMenuSubContent({ className, ...rest }: Menu.DropdownMenuSubContentProps) {
  return (
    <Menu.Portal>
      <Menu.SubContent
        sideOffset={4}
        collisionPadding={8}
        className={cn(
          "z-50 min-w-[12rem] max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg",
          className,
        )}
        {...rest}
      />
    </Menu.Portal>
  );
}
