/** The product's mark: six segments of a ring, one per step of the method. */
export function BrandMark({ className = "h-7 w-7" }: { className?: string }) {
  const segments = Array.from({ length: 6 }, (_, i) => i);
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden>
      <rect width="32" height="32" rx="8" fill="#1d4ff2" />
      {segments.map((i) => (
        <path
          key={i}
          d="M16 6.5a9.5 9.5 0 0 1 8.2 4.7"
          stroke="white"
          strokeOpacity={0.45 + i * 0.11}
          strokeWidth={3}
          strokeLinecap="round"
          fill="none"
          transform={`rotate(${i * 60} 16 16)`}
        />
      ))}
      <circle cx="16" cy="16" r="3" fill="white" />
    </svg>
  );
}
