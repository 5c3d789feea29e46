import { describe, expect, it } from "vitest";
import { assertNoEmulatorsOutsideDemo, corsOriginsSetting, emulatorVariables, faultInjectionSetting, timeScaleSetting, webhookSettings } from "../../src/config.js";

// The webhook destination allowlist opens the guard to loopback receivers: the local platform's
// demo- projects may set it, and a real project that has it does not start.

describe("webhookSettings", () => {
  it("reads the allowlist as comma-separated hosts in a demo- project", () => {
    expect(webhookSettings("demo-userx", "127.0.0.1, localhost,")).toEqual({ allowlist: ["127.0.0.1", "localhost"], timeScale: 1 });
  });

  it("has no allowlist by default, in any project", () => {
    expect(webhookSettings("userx-prod", "")).toEqual({ allowlist: [], timeScale: 1 });
    expect(webhookSettings("userx-prod", " , ")).toEqual({ allowlist: [], timeScale: 1 });
  });

  it.each(["userx-prod", "userx-demo-1", "staging-demo"])("refuses to start project %s with an allowlist, saying why", (projectId) => {
    expect(() => webhookSettings(projectId, "127.0.0.1,localhost")).toThrow(
      new RegExp(`WEBHOOK_DESTINATION_ALLOWLIST \\(127\\.0\\.0\\.1, localhost\\).*demo- projects only, and project ${projectId} is not one`),
    );
  });
});

describe("faultInjectionSetting", () => {
  it("is on only when asked, and only in a demo- project", () => {
    expect(faultInjectionSetting("demo-userx", "on")).toBe(true);
    expect(faultInjectionSetting("demo-userx", "off")).toBe(false);
    expect(faultInjectionSetting("userx-prod", "off")).toBe(false);
    expect(() => faultInjectionSetting("userx-prod", "on")).toThrow(/demo- projects only/);
    expect(() => faultInjectionSetting("demo-userx", "yes")).toThrow(/on or off/);
  });
});

describe("timeScaleSetting", () => {
  it("is 1 unless set, and any scale of 1 or more only in a demo- project", () => {
    expect(timeScaleSetting("userx-prod", "")).toBe(1);
    expect(timeScaleSetting("userx-prod", "1")).toBe(1);
    expect(timeScaleSetting("demo-userx", "3600")).toBe(3600);
    expect(() => timeScaleSetting("userx-prod", "3600")).toThrow(/WEBHOOK_TIME_SCALE=3600.*demo- projects only, and project userx-prod is not one/);
    expect(() => timeScaleSetting("demo-userx", "0.5")).toThrow(/1 or more/);
    expect(() => timeScaleSetting("demo-userx", "fast")).toThrow(/1 or more/);
  });
});

describe("assertNoEmulatorsOutsideDemo", () => {
  it("lets the local platform's demo- project point every client at its emulators", () => {
    const everyEmulator = Object.fromEntries(emulatorVariables.map((name) => [name, "127.0.0.1:9099"]));
    expect(() => assertNoEmulatorsOutsideDemo("demo-userx", everyEmulator)).not.toThrow();
  });

  it("starts a real project with none set, or set empty", () => {
    expect(() => assertNoEmulatorsOutsideDemo("userx-prod", { PATH: "/usr/bin", FIREBASE_AUTH_EMULATOR_HOST: "" })).not.toThrow();
  });

  it.each(emulatorVariables)("refuses to start a real project with %s set, naming it", (name) => {
    expect(() => assertNoEmulatorsOutsideDemo("userx-prod", { [name]: "127.0.0.1:1" })).toThrow(new RegExp(`^${name} points a client at an emulator.*project userx-prod is not one`));
  });
});

describe("corsOriginsSetting", () => {
  it("reads comma-separated origins; none by default", () => {
    expect(corsOriginsSetting("userx-prod", "")).toEqual([]);
    expect(corsOriginsSetting("userx-prod", "https://partner.example, https://ops.partner.example:8443")).toEqual(["https://partner.example", "https://ops.partner.example:8443"]);
  });

  it.each(["https://partner.example/", "https://partner.example/app", "partner.example", "*"])("refuses %s, which is not an origin", (origin) => {
    expect(() => corsOriginsSetting("userx-prod", origin)).toThrow(/not an origin/);
  });

  it("takes plain HTTP on loopback in a demo- project only", () => {
    expect(corsOriginsSetting("demo-userx", "http://localhost:5173")).toEqual(["http://localhost:5173"]);
    expect(() => corsOriginsSetting("userx-prod", "http://localhost:5173")).toThrow(/use HTTPS/);
  });
});
