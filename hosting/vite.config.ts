import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// Two pages: the app (every route; Firebase Hosting falls back to index.html) and the API
// reference, which Hosting's cleanUrls serves at /docs.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
    rolldownOptions: {
      input: { app: page("index.html"), docs: page("docs.html") },
      // Libraries in chunks of their own: they change less often than the app, so browsers keep
      // them cached across releases, and the sizes say what each costs.
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
            { name: "firebase", test: /node_modules[\\/](@firebase|firebase|idb|tslib)[\\/]/ },
            { name: "query", test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev -w hosting` beside `npm start`: the API through the Hosting emulator.
    proxy: { "/v1": "http://127.0.0.1:5000", "/__": "http://127.0.0.1:5000" },
  },
});
