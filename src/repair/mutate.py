"""Dry Run mutation engine: realistic one-change bugs of a small Python function, made on its AST.

Runs as an ordinary program through the runner (program mode, output only), in the same sandbox as any user code:
it reads one JSON request on stdin, {"code": str, "operators": [name, ...] (optional: all)}, and prints one JSON
line, {"mutants": [{"operator", "line", "note", "code"}, ...]} or {"error": "..."} when the code does not parse.
It only parses and edits text: no mutant runs here (the caller runs them through the runner). Also runs under
native python3 (3.9+): `python3 mutate.py < request.json`.

Why text edits and not ast.unparse of the whole tree: a mutant should read like the original with one change
(same names, spacing, comments), as a real slip would. Each change is made on the source text at the node's
position, then checked: the edited text must parse to exactly the original tree with that one node changed; an
edit that does not (an operator token hidden in an odd place) is dropped rather than guessed.

The same code and operators give the same mutants in the same order (source order, then operator). Mutants that
parse to the same tree as the original or as an earlier mutant are left out.
"""

import ast
import json
import re
import sys

OPERATORS = ("range-bound", "slice-bound", "comparison", "arithmetic", "logic", "init-value", "swap-args", "drop-if")

_COMPARE_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                 ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_ARITH_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
               ast.Mod: ast.FloorDiv, ast.Div: ast.Mult}
_TOKENS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-",
           ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%", ast.Div: "/", ast.And: "and", ast.Or: "or"}
# How each token is found in the text between two operands: whole words, and `<` not the start of `<=`.
_TOKEN_RE = {
    "<": r"<(?!=)", "<=": r"<=", ">": r">(?!=)", ">=": r">=", "==": r"==", "!=": r"!=",
    "in": r"(?<![\w])in(?![\w])", "not in": r"not\s+in", "is": r"(?<![\w])is(?![\w])(?!\s+not\b)",
    "is not": r"is\s+not", "+": r"\+(?!=)", "-": r"-(?!=)", "*": r"\*(?![*=])", "//": r"//(?!=)",
    "%": r"%(?!=)", "/": r"(?<!/)/(?![/=])", "and": r"(?<![\w])and(?![\w])", "or": r"(?<![\w])or(?![\w])",
}


class Source:
    """The code's text with a way from (line, byte column) positions, as ast gives them, to string offsets."""

    def __init__(self, text):
        self.text = text
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.lines = text.splitlines(keepends=True)

    def offset(self, lineno, col):
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode("utf-8")[:col].decode("utf-8", "replace"))

    def span(self, node):
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def segment(self, node):
        start, end = self.span(node)
        return self.text[start:end]


def _dump(tree):
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


def _parents(tree):
    out = {}
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        out[id(child)] = (parent, field, i)
            elif isinstance(value, ast.AST):
                out[id(value)] = (parent, field, None)
    return out


def _dump_with(tree, parents, old, new):
    """The tree's dump with `old` replaced by `new` (None: removed from its list), the tree left as it was."""
    parent, field, index = parents[id(old)]
    if index is None:
        setattr(parent, field, new)
        try:
            return _dump(tree)
        finally:
            setattr(parent, field, old)
    items = getattr(parent, field)
    saved = list(items)
    if new is None:
        del items[index]
    else:
        items[index] = new
    try:
        return _dump(tree)
    finally:
        items[:] = saved


def _int_value(node):
    """The value of an int literal (`3`, `-1`), or None."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) is int):
        return -node.operand.value
    return None


def _int_node(value):
    return ast.Constant(value) if value >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-value))


def _shifted(node, delta):
    """`node + delta` written as a person would: 3 -> 4, n - 1 -> n, n -> n + 1."""
    value = _int_value(node)
    if value is not None:
        return _int_node(value + delta)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        k = _int_value(node.right)
        if k is not None and k >= 0:
            total = (k if isinstance(node.op, ast.Add) else -k) + delta
            if total == 0:
                return node.left
            return ast.BinOp(node.left, ast.Add() if total > 0 else ast.Sub(), ast.Constant(abs(total)))
    return ast.BinOp(node, ast.Add() if delta > 0 else ast.Sub(), ast.Constant(abs(delta)))


class Mutator:
    def __init__(self, code):
        self.src = Source(code)
        self.tree = ast.parse(code)
        self.parents = _parents(self.tree)
        self.original = _dump(self.tree)
        self.sites = []  # (line, col, operator rank, order, mutant dict)

    # -- making one edit

    def add(self, operator, node, context, edits, expected, note):
        """Apply text edits [(start, end, text)], keep the mutant if it parses to `expected` (a dump)."""
        text = self.src.text
        for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
            text = text[:start] + new + text[end:]
        try:
            if _dump(ast.parse(text)) != expected:
                return
        except SyntaxError:
            return
        if context is not None:
            c_start, c_end = self.src.span(context)
            shift = sum(len(new) - (end - start) for start, end, new in edits)
            after = text[c_start:c_end + shift]
            note = "%s became %s on line %d" % (_one_line(self.src.segment(context)), _one_line(after), node.lineno)
        rank = OPERATORS.index(operator)
        self.sites.append((node.lineno, node.col_offset, rank, len(self.sites),
                           {"operator": operator, "line": node.lineno, "note": note, "code": text}))

    def replace(self, operator, node, context, new_node):
        start, end = self.src.span(node)
        expected = _dump_with(self.tree, self.parents, node, new_node)
        text = ast.unparse(new_node)
        # Parenthesised when the bare text would bind differently where it lands; kept only if it means new_node.
        for candidate in (text, "(" + text + ")"):
            before = len(self.sites)
            self.add(operator, node, context, [(start, end, candidate)], expected, "")
            if len(self.sites) > before:
                return

    def replace_token(self, operator, node, gap_from, gap_to, old_op, new_op, new_node):
        """Change the operator token found in the text between two operands (positions of ast nodes)."""
        start = self.src.offset(gap_from.end_lineno, gap_from.end_col_offset)
        end = self.src.offset(gap_to.lineno, gap_to.col_offset)
        gap = self.src.text[start:end]
        found = list(re.finditer(_TOKEN_RE[_TOKENS[type(old_op)]], gap))
        if len(found) != 1:
            return
        m = found[0]
        expected = _dump_with(self.tree, self.parents, node, new_node)
        self.add(operator, node, node, [(start + m.start(), start + m.end(), _TOKENS[new_op])], expected, "")

    # -- the operators

    def range_bound(self, node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
                and not node.keywords and 1 <= len(node.args) <= 3
                and not any(isinstance(a, ast.Starred) for a in node.args)):
            return
        for arg in node.args[:2]:  # start and stop; a step off by one is not a slip people make
            for delta in (-1, 1):
                self.replace("range-bound", arg, node, _shifted(arg, delta))

    def slice_bound(self, node):
        if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)):
            return
        for bound in (node.slice.lower, node.slice.upper):
            if bound is not None:
                for delta in (-1, 1):
                    self.replace("slice-bound", bound, node, _shifted(bound, delta))

    def comparison(self, node):
        if not isinstance(node, ast.Compare):
            return
        operands = [node.left] + node.comparators
        for i, op in enumerate(node.ops):
            flipped = _COMPARE_FLIP.get(type(op))
            if flipped is None:
                continue
            ops = list(node.ops)
            ops[i] = flipped()
            new_node = ast.Compare(node.left, ops, node.comparators)
            self.replace_token("comparison", node, operands[i], operands[i + 1], op, flipped, new_node)

    def arithmetic(self, node):
        if isinstance(node, ast.BinOp):
            swapped = _ARITH_SWAP.get(type(node.op))
            if swapped is None or (isinstance(node.op, ast.Add) and (_is_text(node.left) or _is_text(node.right))):
                return  # `"a" + b` made `"a" - b` is a TypeError, not a slip (so is `[x] - y`)
            new_node = ast.BinOp(node.left, swapped(), node.right)
            self.replace_token("arithmetic", node, node.left, node.right, node.op, swapped, new_node)
        elif isinstance(node, ast.AugAssign):
            swapped = _ARITH_SWAP.get(type(node.op))
            if swapped is None or (isinstance(node.op, ast.Add) and _is_text(node.value)):
                return
            start = self.src.offset(node.target.end_lineno, node.target.end_col_offset)
            end = self.src.offset(node.value.lineno, node.value.col_offset)
            gap = self.src.text[start:end]
            token = _TOKENS[type(node.op)] + "="
            at = gap.find(token)
            if at < 0 or gap.count(token) != 1:
                return
            new_node = ast.AugAssign(node.target, swapped(), node.value)
            expected = _dump_with(self.tree, self.parents, node, new_node)
            edit = (start + at, start + at + len(token), _TOKENS[swapped] + "=")
            self.add("arithmetic", node, node, [edit], expected, "")

    def logic(self, node):
        if isinstance(node, ast.BoolOp):
            other = ast.Or if isinstance(node.op, ast.And) else ast.And
            for i in range(len(node.values) - 1):
                values = node.values
                # `a and b and c` is one BoolOp: changing one `and` regroups it; ast.parse of the edit says how.
                start = self.src.offset(values[i].end_lineno, values[i].end_col_offset)
                end = self.src.offset(values[i + 1].lineno, values[i + 1].col_offset)
                found = list(re.finditer(_TOKEN_RE[_TOKENS[type(node.op)]], self.src.text[start:end]))
                if len(found) != 1:
                    continue
                left, right = values[:i + 1], values[i + 1:]
                lhs = left[0] if len(left) == 1 else ast.BoolOp(type(node.op)(), left)
                rhs = right[0] if len(right) == 1 else ast.BoolOp(type(node.op)(), right)
                new_node = ast.BoolOp(other(), [lhs, rhs])
                expected = _dump_with(self.tree, self.parents, node, new_node)
                m = found[0]
                self.add("logic", node, node, [(start + m.start(), start + m.end(), _TOKENS[other])], expected, "")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            self.replace("logic", node, node, node.operand)

    def init_value(self, node):
        if not (isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets)):
            return
        value = node.value
        n = _int_value(value)
        if n is not None:
            new = _int_node(1 if n == 0 else 0 if n == 1 else n + 1)
        elif isinstance(value, ast.Constant) and type(value.value) is bool:
            new = ast.Constant(not value.value)
        elif isinstance(value, ast.Constant) and value.value is None:
            new = ast.Constant(0)
        elif isinstance(value, ast.List) and not value.elts:
            new = ast.List([ast.Constant(0)], ast.Load())
        elif isinstance(value, ast.Subscript) and _int_value(value.slice) in (0, -1):
            new = ast.Constant(0)  # best = nums[0] became best = 0: wrong as soon as every value is negative
        else:
            return
        self.replace("init-value", value, node, new)

    def swap_args(self, node):
        if not (isinstance(node, ast.Call) and len(node.args) >= 2
                and not any(isinstance(a, ast.Starred) for a in node.args[:2])):
            return
        a, b = node.args[0], node.args[1]
        if _dump(a) == _dump(b):
            return
        (a_start, a_end), (b_start, b_end) = self.src.span(a), self.src.span(b)
        args = [b, a] + node.args[2:]
        new_node = ast.Call(node.func, args, node.keywords)
        expected = _dump_with(self.tree, self.parents, node, new_node)
        text = self.src.text
        edits = [(a_start, a_end, text[b_start:b_end]), (b_start, b_end, text[a_start:a_end])]
        self.add("swap-args", node, node, edits, expected, "")

    def drop_if(self, node):
        """Remove an `if` whose body ends in a return (an edge case handled early), when its block keeps a statement."""
        if not (isinstance(node, ast.If) and not node.orelse and isinstance(node.body[-1], ast.Return)):
            return
        parent, field, index = self.parents[id(node)]
        if index is None or len(getattr(parent, field)) < 2:
            return
        start, end = self.src.span(node)
        line_start = self.src.starts[node.lineno - 1]
        line_end = self.src.starts[node.end_lineno] if node.end_lineno < len(self.src.starts) else len(self.src.text)
        text = self.src.text
        if text[line_start:start].strip() or text[end:line_end].strip():
            return  # shares a line with other code
        expected = _dump_with(self.tree, self.parents, node, None)
        header = "if %s: %s" % (_one_line(self.src.segment(node.test)), _one_line(self.src.segment(node.body[-1])))
        lines = ("line %d" % node.lineno if node.lineno == node.end_lineno
                 else "lines %d-%d" % (node.lineno, node.end_lineno))
        note = "removed the edge case `%s` on %s" % (header, lines)
        self.add("drop-if", node, None, [(line_start, line_end, "")], expected, note)

    def mutants(self, operators):
        chosen = [getattr(self, name.replace("-", "_")) for name in OPERATORS if name in operators]
        for node in ast.walk(self.tree):
            if hasattr(node, "lineno"):
                for operator in chosen:
                    operator(node)
        seen = {self.original}
        out = []
        for *_, mutant in sorted(self.sites, key=lambda s: s[:4]):
            key = _dump(ast.parse(mutant["code"]))
            if key not in seen:
                seen.add(key)
                out.append(mutant)
        return out


def _is_text(node):
    """A string or list literal: `+` on it is concatenation, and `-` would only raise a TypeError."""
    if isinstance(node, (ast.JoinedStr, ast.List, ast.ListComp, ast.Tuple)):
        return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _one_line(text):
    return " ".join(text.split())


def mutate(request):
    operators = request.get("operators") or OPERATORS
    unknown = [name for name in operators if name not in OPERATORS]
    if unknown:
        return {"error": "unknown operator %s; known: %s" % (", ".join(unknown), ", ".join(OPERATORS))}
    try:
        mutator = Mutator(request.get("code") or "")
    except SyntaxError as exc:
        return {"error": "the code does not parse: %s (line %s)" % (exc.msg, exc.lineno)}
    return {"mutants": mutator.mutants(operators)}


print(json.dumps(mutate(json.loads(sys.stdin.read()))))
