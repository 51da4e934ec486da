/** Starts one emulator per test file (random port) and resets it before each test. */
import { EmulatorHandle, startEmulator, StartEmulatorOptions } from "../../../emulator/server";

/** A handle filled in by mocha's before hook. */
export interface EmulatorFixture {
    emu: EmulatorHandle;
    endpoint: string;
}

/** Registers before/beforeEach/after hooks; returns the fixture to read in tests. */
export function useEmulator(options: StartEmulatorOptions = {}): EmulatorFixture {
    const fixture = {} as EmulatorFixture;
    before(async () => {
        fixture.emu = await startEmulator({ port: 0, ...options });
        fixture.endpoint = fixture.emu.endpoint;
    });
    beforeEach(() => fixture.emu.controls.reset());
    after(async () => {
        await fixture.emu?.close();
    });
    return fixture;
}
