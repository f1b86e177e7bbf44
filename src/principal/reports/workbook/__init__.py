"""The cost workbook (xlsx): inputs the buyer can change, cost sheets of live formulas, a comparison."""
