"""The fund-loans slice (资金池 / 拆借 / 互相担保): the LPR table, the mutual-aid pool, loans, guarantees."""
