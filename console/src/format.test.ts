import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { acceptance } from "./format.js";
import { SuggestionStatsSchema } from "./gen/meshdesk/ticket/v1/ticket_pb.js";

describe("acceptance", () => {
  it("shows a dash while no suggestion is rated, even if some were suggested", () => {
    expect(acceptance(undefined)).toEqual({ rated: 0, rate: "—" });
    expect(acceptance(create(SuggestionStatsSchema, { suggested: 5n }))).toEqual({ rated: 0, rate: "—" });
  });

  it("counts accepted and edited as used, over all rated", () => {
    const s = create(SuggestionStatsSchema, { suggested: 9n, accepted: 1n, edited: 1n, discarded: 1n });
    expect(acceptance(s)).toEqual({ rated: 3, rate: "67 %" });
  });
});
