"""The fund-loans slice (资金池 / 拆借 / 互相担保): LPR table, pool, loans, guarantees."""
