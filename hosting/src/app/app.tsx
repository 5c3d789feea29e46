import { QueryClientProvider } from "@tanstack/react-query";
import { lazy } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { AuthProvider } from "../lib/auth";
import { queryClient } from "../lib/query-client";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";

// Each part of the app is its own chunk: a participant never downloads the console.
const ParticipantRoutes = lazy(() => import("./participant-routes"));
const ConsoleRoutes = lazy(() => import("./console-routes"));
const HealthPage = lazy(() => import("../features/health/health-page"));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route path="/health" element={<HealthPage />} />
              <Route path="/console/*" element={<ConsoleRoutes />} />
              <Route path="/*" element={<ParticipantRoutes />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}
