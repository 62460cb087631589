import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        sans: [
          "Inter",
          "ui-sans-serif",
          "system-ui",
          "-apple-system",
          "PingFang SC",
          "Hiragino Sans GB",
          "Microsoft YaHei",
          "Noto Sans CJK SC",
          "Noto Sans SC",
          "sans-serif",
        ],
      },
      colors: {
        brand: {
          50: "#eef5ff",
          100: "#d9e8ff",
          200: "#bcd6ff",
          300: "#8ebbff",
          400: "#5995ff",
          500: "#336ffd",
          600: "#1d4ff2",
          700: "#163bd8",
          800: "#1832af",
          900: "#1a2f8a",
          950: "#141e54",
        },
      },
    },
  },
  plugins: [],
} satisfies Config;
