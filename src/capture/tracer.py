"""Dry Run tracer: run a Python program and record what happened, step by step.

One implementation, loaded into Pyodide by src/capture/python-runner.ts (worker and Node) and runnable under
native CPython (3.11+) for tests and the speed benchmark: `python3 tracer.py < request.json`.
The trace it returns is the JSON of src/capture/trace.ts (documented in docs/trace-schema.md).

Why it is built the way it is:
- User code is compiled under its own file name (USER_FILE) and only frames with that file name get a local
  trace function: the standard library and this module are never traced.
- Values are shown as bounded, safe reprs built here. A user-defined __repr__ is never called from inside the
  trace callback (CPython switches tracing off inside a trace callback, so a looping __repr__ would hang it).
- A trace function that raises is switched off by CPython, so a program that swallows our stop exception in an
  endless loop would run on untraced. On 3.12+ a sys.monitoring callback that keeps raising stays armed: once a
  limit is hit we arm one on every line and jump of user code until the program is out.
- gc is disabled while tracing (about 2x faster under Pyodide); the run's garbage is collected afterwards.

Why it is one file of ~1,300 lines, over the project's ~400-line habit: it is loaded into Pyodide as one module
source string (python-runner.ts writes it into the interpreter; no package or import path to set up in the worker,
in Node or under native CPython), and its parts share one invariant: nothing here may call user code from inside
the trace callback. Its sections, marked by `# ----` rulers, in order: safe reprs; stdout capture; the tracer (the
trace callbacks); running a request; worked expressions (`work`); integrity (a program that changes Python
itself); comparing values (`eval(a) == eval(b)`, CRUXEval's rule). Read it section by section.
"""

import ast
import builtins
import enum
import gc
import io
import json
import math
import operator
import os
import re
import signal
import sys
import time
import types

TRACE_VERSION = 1
USER_FILE = "<program>"
CALL_FILE = "<call>"
REPR_MAX = 200  # characters per shown value
REPR_DEPTH = 6  # nesting levels per shown value
STDOUT_MAX = 1 << 20  # characters of stdout kept per run
STEP_STDOUT_MAX = 4096  # characters of stdout kept per step
SLEEP_EXCEPTION_TEXT = "time.sleep would run past the time limit"
MONITOR_TOOL = 4  # sys.monitoring tool id (0-5 are free for tools; 2 and 3 are taken by profilers/optimizers)


os.environ["PYTHONBREAKPOINT"] = "0"  # breakpoint() in a traced program does nothing

# Everything the tracer calls is bound here, at load, before any program runs: a program that replaces
# `json.dumps`, `time.monotonic` or `builtins.len` changes what *it* sees, never what the tracer uses.
# Functions defined below look builtins up in this private copy (CPython binds a function's builtins from
# its globals when it is created).
__builtins__ = dict(builtins.__dict__)
_real_setrecursionlimit = sys.setrecursionlimit
_getrecursionlimit = sys.getrecursionlimit
_settrace = sys.settrace  # the real one: the program only ever sees a stand-in (see _Patches)
_monotonic = time.monotonic
_real_sleep = time.sleep
_signal = signal.signal
_SIGINT = signal.SIGINT
_gc_isenabled, _gc_disable, _gc_enable = gc.isenabled, gc.disable, gc.enable
_MON = getattr(sys, "monitoring", None)
if _MON is not None:
    _mon_use, _mon_free, _mon_register, _mon_set_events = (
        _MON.use_tool_id, _MON.free_tool_id, _MON.register_callback, _MON.set_events)
    _MON_DISABLE = _MON.DISABLE
    _MON_EVENTS = (_MON.events.LINE, _MON.events.JUMP, _MON.events.PY_START, _MON.events.PY_RESUME)
_TRACER_FILE = sys._getframe().f_code.co_filename


def _private_json():
    """JSON in and out through the C codecs, built once: nothing a program rebinds in `json` reaches them."""
    try:
        from _json import encode_basestring_ascii, make_encoder, make_scanner
    except ImportError:  # a CPython without the accelerator: the pure-Python codecs, bound now
        from json.encoder import _make_iterencode, py_encode_basestring_ascii as encode_basestring_ascii
        from json.scanner import py_make_scanner as make_scanner

        def make_encoder(markers, default, encoder, indent, key_sep, item_sep, sort_keys, skipkeys, allow_nan):
            return _make_iterencode(markers, default, encoder, indent, float.__repr__, key_sep, item_sep,
                                    sort_keys, skipkeys, True)

    def default(o):
        raise TypeError("not JSON serializable: %s" % type(o).__name__)

    iterencode = make_encoder(None, default, encode_basestring_ascii, None, ":", ",", False, False, True)
    scan = make_scanner(json.JSONDecoder())
    join = "".join

    def dumps(obj):
        return join(iterencode(obj, 0))

    def loads(text):
        return scan(text, 0)[0]

    return dumps, loads


_json_dumps, _json_loads = _private_json()


class StopRun(BaseException):
    """Raised into user code when a limit is hit. BaseException so `except Exception` does not catch it."""


# ---------------------------------------------------------------------------------------------- safe reprs

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_SCALARS = (int, float, complex, str, bytes, bool, type(None), type(Ellipsis), range)


class _Budget:
    __slots__ = ("left",)

    def __init__(self, n):
        self.left = n


_NUMBERS = frozenset((int, float, bool, type(None)))
_FLAT = _NUMBERS | {str}
_FLAT_HEAD = 64  # items: more never fit in REPR_MAX characters


def safe_repr(value, limit=REPR_MAX):
    """A repr of at most about `limit` characters that never runs user code and survives cycles."""
    t = type(value)
    try:
        # Fast paths (most values on most lines): small scalars, and flat lists/tuples of them.
        if t in _FLAT:
            if t is str:
                if len(value) <= limit:
                    return repr(value)
            elif t is not int or value.bit_length() <= 128:
                return repr(value)
        elif t is list or t is tuple:
            text = _flat_repr(value, t, limit)
            if text is not None:
                return text
        text = _repr(value, _Budget(limit), 0, set())
    except Exception as exc:  # a broken __dict__ property, a str subclass with odd behaviour...
        text = "<%s (repr failed: %s)>" % (_type_name(value), type(exc).__name__)
    if len(text) > limit + 3:
        text = text[:limit] + "..."
    return text


def _flat_repr(seq, t, limit):
    head = seq[:_FLAT_HEAD]
    kinds = set(map(type, head))  # C-level: much cheaper than a Python loop over the items
    if not kinds <= _FLAT:
        return None
    numbers = str not in kinds
    if not numbers and sum(len(x) for x in head if type(x) is str) > 4 * limit:
        return None
    try:
        text = repr(head)
    except ValueError:  # an int past the 4300-digit str() limit
        return None
    if len(seq) <= _FLAT_HEAD and len(text) <= limit:
        return text
    if not numbers:
        return None  # cutting between items is only safe when no item can hold ", "
    cut = text.rfind(", ", 0, limit)
    if cut < 0:
        return None
    return text[:cut] + (", ...]" if t is list else ", ...)")


def _type_name(value):
    try:
        return type(value).__qualname__
    except Exception:
        return "object"


def _is_user_function(fn):
    code = getattr(fn, "__code__", None)
    return code is not None and code.co_filename == USER_FILE


def _repr(v, budget, depth, seen):
    t = type(v)
    if t is str:
        if len(v) > budget.left:
            text = repr(v[: max(budget.left - 6, 1)])
            text = text[:-1] + "..." + text[-1]
        else:
            text = repr(v)
        budget.left -= len(text)
        return text
    if t is int:
        if v.bit_length() > 4 * REPR_MAX:  # repr of huge ints is quadratic (and capped at 4300 digits)
            text = "<int of about %d digits>" % int(v.bit_length() * 0.30103 + 1)
        else:
            text = repr(v)
        budget.left -= len(text)
        return text
    if t in _SCALARS:
        text = repr(v)
        if len(text) > budget.left:
            text = text[: max(budget.left, 1)] + "..."
        budget.left -= len(text)
        return text
    if budget.left <= 0 or depth >= REPR_DEPTH:
        budget.left -= 3
        return "..."
    if id(v) in seen:
        text = {list: "[...]", dict: "{...}"}.get(t, "...")
        budget.left -= len(text)
        return text
    seen.add(id(v))
    try:
        return _repr_compound(v, t, budget, depth, seen)
    finally:
        seen.discard(id(v))


def _items(seq, budget, depth, seen):
    parts = []
    for item in seq:
        if budget.left <= 0:
            parts.append("...")
            break
        parts.append(_repr(item, budget, depth + 1, seen))
        budget.left -= 2
    return ", ".join(parts)


def _pairs(pairs, budget, depth, seen, sep=": "):
    parts = []
    for k, val in pairs:
        if budget.left <= 0:
            parts.append("...")
            break
        key = k if sep == "=" else _repr(k, budget, depth + 1, seen)
        budget.left -= len(sep) + (len(key) if sep == "=" else 0)
        parts.append(key + sep + _repr(val, budget, depth + 1, seen))
        budget.left -= 2
    return ", ".join(parts)


_KINDS = {}  # type -> how to show its instances; cleared after each run (user classes die with their run)


def _classify(t):
    if t in (list, tuple, dict, set, frozenset):
        return t.__name__
    mod = getattr(t, "__module__", "")
    if _is_user_function(getattr(t, "__repr__", None)):
        return "instance"
    if issubclass(t, enum.Enum):
        return "enum"
    if issubclass(t, BaseException):
        return "exception"
    if issubclass(t, tuple) and hasattr(t, "_fields"):
        return "namedtuple"
    if mod == "collections" and t.__name__ in ("deque", "defaultdict", "OrderedDict", "Counter"):
        return t.__name__
    if mod == "__main__" or issubclass(t, (list, tuple, set, frozenset, dict, types.SimpleNamespace)):
        return "instance"
    if issubclass(t, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return "function"
    if issubclass(t, type):
        return "class"
    if issubclass(t, types.ModuleType):
        return "module"
    if issubclass(t, types.GeneratorType):
        return "generator"
    return "other"


def _repr_compound(v, t, budget, depth, seen):
    kind = _KINDS.get(t)
    if kind is None:
        kind = _KINDS[t] = _classify(t)
    if kind == "list":
        return "[" + _items(v, budget, depth, seen) + "]"
    if kind == "tuple":
        inner = _items(v, budget, depth, seen)
        return "(" + inner + ("," if len(v) == 1 else "") + ")"
    if kind == "dict":
        return "{" + _pairs(v.items(), budget, depth, seen) + "}"
    if kind == "set" or kind == "frozenset":
        if not v:
            return kind + "()"
        inner = "{" + _items(v, budget, depth, seen) + "}"
        return inner if kind == "set" else "frozenset(" + inner + ")"
    if kind == "instance":
        return _instance_repr(v, t, budget, depth, seen)
    if kind == "enum":
        return "<%s.%s: %s>" % (t.__qualname__, v._name_, _repr(v._value_, budget, depth + 1, seen))
    if kind == "exception":
        return t.__qualname__ + "(" + _items(v.args, budget, depth, seen) + ")"
    if kind == "namedtuple":
        return t.__name__ + "(" + _pairs(zip(t._fields, v), budget, depth, seen, "=") + ")"
    if kind == "deque":
        return "deque([" + _items(v, budget, depth, seen) + "])"
    if kind == "defaultdict":
        factory = getattr(v.default_factory, "__name__", "None")
        return "defaultdict(<class '%s'>, {" % factory + _pairs(v.items(), budget, depth, seen) + "})"
    if kind == "OrderedDict" or kind == "Counter":
        return kind + "({" + _pairs(v.items(), budget, depth, seen) + "})"
    if kind == "function":
        return "<function %s>" % getattr(v, "__qualname__", "?")
    if kind == "class":
        return "<class '%s'>" % v.__qualname__
    if kind == "module":
        return "<module '%s'>" % v.__name__
    if kind == "generator":
        return "<generator object %s>" % v.__qualname__
    # A library type with its own C or stdlib repr (Fraction, Decimal, date, re.Pattern, ...): no user code.
    text = _ADDRESS.sub("", repr(v))
    if len(text) > budget.left:
        text = text[: max(budget.left, 1)] + "..."
    budget.left -= len(text)
    return text


_SLOTS = {}  # type -> its __slots__ names (cleared with _KINDS)


def _slot_names(t):
    names = []
    for cls in t.__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for slot in (slots,) if isinstance(slots, str) else slots:
            if slot not in ("__dict__", "__weakref__"):
                names.append(slot)
    return tuple(names)


def _instance_repr(v, t, budget, depth, seen):
    """`ClassName(attr=..., ...)` from the instance's own attributes: what a dataclass repr would show."""
    attrs = []
    d = getattr(v, "__dict__", None)
    if isinstance(d, dict):
        attrs.extend((k, val) for k, val in d.items() if isinstance(k, str))
    slots = _SLOTS.get(t)
    if slots is None:
        slots = _SLOTS[t] = _slot_names(t)
    for slot in slots:
        try:
            attrs.append((slot, object.__getattribute__(v, slot)))
        except (AttributeError, TypeError):
            pass
    head = t.__qualname__
    budget.left -= len(head) + 2
    for base in (list, tuple, set, frozenset, dict, int, float, str, bytes):
        if isinstance(v, base):  # a subclass of a builtin: show its content too
            content = _repr(base(v), budget, depth + 1, seen)
            return head + "(" + content + (", " + _pairs(attrs, budget, depth, seen, "=") if attrs else "") + ")"
    return head + "(" + _pairs(attrs, budget, depth, seen, "=") + ")"


# ---------------------------------------------------------------------------------------------- stdout capture


class _Output(io.TextIOBase):
    """sys.stdout during a run: keeps at most STDOUT_MAX characters, hands out what is new at each step."""

    def __init__(self):
        self.parts = []
        self.size = 0
        self.truncated = False
        self.pending = []
        self.pending_size = 0

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        room = STDOUT_MAX - self.size
        if len(s) > room:
            s = s[:room]
            self.truncated = True
        if s:
            self.parts.append(s)
            self.size += len(s)
            if self.pending_size < STEP_STDOUT_MAX:
                self.pending.append(s)
                self.pending_size += len(s)
        return len(s)

    def take(self):
        if not self.pending:
            return None
        text = "".join(self.pending)
        self.pending = []
        self.pending_size = 0
        return text[:STEP_STDOUT_MAX]

    def text(self):
        return "".join(self.parts)


# ---------------------------------------------------------------------------------------------- the tracer


class Tracer:
    def __init__(self, max_steps, timeout_ms, record_all, work=None, bound=False):
        self.max_steps = max_steps
        self.work = work  # line -> statement whose expression is shown worked out (request "work": true)
        self.bound = bound  # also each first form with the values beside the names (request "work": "bound")
        self.output_only = False  # request "outputOnly": nothing recorded, only the time limit applies
        self.deadline = _monotonic() + timeout_ms / 1000.0
        self.steps = []
        self.stack = []  # recorded frames, outermost first
        self.previous = {}  # id(frame) -> {name: repr} at the frame's previous step
        self.last_event = {}  # id(frame) -> last event recorded in that frame
        self.recording = record_all
        self.skip_code = None  # call mode: the defining module code runs unrecorded
        self.unrecorded = 0
        self.tick = 0
        self.stop_reason = None  # 'step_limit' | 'timeout' | 'interrupted'
        self.out = _Output()
        self.monitoring = False

    # -- limits

    def stop(self, reason):
        if self.stop_reason is None:
            self.stop_reason = reason
        self.arm_guard()
        raise StopRun(self.stop_reason)

    def check_time(self):
        if _monotonic() > self.deadline:
            self.stop("timeout")

    def arm_guard(self):
        """From now on every line and jump of user code raises StopRun, even after our trace function is gone."""
        if _MON is None or self.monitoring:
            return
        try:
            _mon_use(MONITOR_TOOL, "dryrun")
        except ValueError:
            _mon_free(MONITOR_TOOL)
            _mon_use(MONITOR_TOOL, "dryrun")
        self.monitoring = True

        def guard(code, *_):
            if code.co_filename == USER_FILE:
                raise StopRun(self.stop_reason)
            return _MON_DISABLE

        mask = 0
        for event in _MON_EVENTS:
            _mon_register(MONITOR_TOOL, event, guard)
            mask |= event
        _mon_set_events(MONITOR_TOOL, mask)

    def disarm_guard(self):
        if self.monitoring:
            _mon_set_events(MONITOR_TOOL, 0)
            for event in _MON_EVENTS:
                _mon_register(MONITOR_TOOL, event, None)
            _mon_free(MONITOR_TOOL)
            self.monitoring = False

    # -- trace callbacks

    def global_trace(self, frame, event, arg):
        code = frame.f_code
        if code.co_filename != USER_FILE:
            return None
        if self.stop_reason is not None:
            raise StopRun(self.stop_reason)
        if not self.recording or code is self.skip_code:
            return self.unrecorded_trace(frame, event, arg)
        if code.co_name == "<module>":  # the module's `call` says nothing its first `line` does not
            self.stack.append(id(frame))
            return self.local_trace
        return self.local_trace(frame, event, arg)

    def unrecorded_trace(self, frame, event, arg):
        """Code that runs under the limits without being recorded (call mode: definitions; the result's repr)."""
        if self.stop_reason is not None:
            raise StopRun(self.stop_reason)
        self.unrecorded += 1
        if self.unrecorded > self.max_steps:
            self.stop("step_limit")
        self.tick += 1
        if self.tick & 15 == 0:
            self.check_time()
        return self.unrecorded_trace

    def local_trace(self, frame, event, arg):
        if self.stop_reason is not None:
            raise StopRun(self.stop_reason)
        try:
            if len(self.steps) >= self.max_steps:
                self.stop("step_limit")
            self.tick += 1
            if self.tick & 15 == 0:
                self.check_time()
            self.record(frame, event, arg)
        except StopRun:
            raise
        except KeyboardInterrupt:  # Stop pressed while we were recording: stop for good, as for a limit
            self.stop("interrupted")
        except Exception as exc:  # a bug here must not switch tracing off silently
            self.steps.append({"event": "line", "line": frame.f_lineno, "func": "<tracer>", "depth": 0,
                               "changed": {}, "value": "TracerError: %r" % (exc,)})
        return self.local_trace

    def record(self, frame, event, arg):
        key = id(frame)
        code = frame.f_code
        entry = self.previous.get(key)
        if entry is not None and entry[0] is not frame:
            entry = None  # (cannot happen while we hold the frame, but ids are only unique among live objects)
        if event == "call":
            self.stack.append(key)
        depth = len(self.stack) - 1 if self.stack and self.stack[-1] == key else len(self.stack)
        if entry is not None:
            prev, prev_values = entry[1], entry[2]
        else:
            prev, prev_values = {}, {}
        now = {}
        values = {}
        changed = {}
        module_level = code.co_name == "<module>"
        local_items = frame.f_locals
        if module_level and local_items is not frame.f_globals:
            # 3.12+ inlines comprehensions; inside one, a module frame's f_locals holds only the comprehension's
            # variables. Show the globals with them, as the program sees its names.
            merged = dict(frame.f_globals)
            merged.update(local_items)
            local_items = merged
        for name, value in local_items.items():
            if module_level and name.startswith("__"):
                continue
            values[name] = value
            if prev_values.get(name, _MISSING) is value and type(value) in _IMMUTABLE:
                now[name] = prev[name]  # the same immutable object: same repr, no need to build it again
                continue
            text = safe_repr(value)
            now[name] = text
            if prev.get(name) != text:
                changed[name] = text
        step = {"event": event, "line": frame.f_lineno or code.co_firstlineno, "func": _qualname(code),
                "depth": depth, "changed": changed}
        if self.work and event == "line":
            stmt = self.work.get(step["line"])
            if isinstance(stmt, list):
                parts = [w for w in (_work(t, e, values, frame.f_globals, self.bound) for t, e in stmt)
                         if w is not None]
                if parts:
                    step["work"] = parts
            elif stmt is not None:
                w = _work(stmt[0], stmt[1], values, frame.f_globals, self.bound)
                if w is not None:
                    step["work"] = w
        if len(now) < len(prev):
            step["removed"] = [name for name in prev if name not in now]
        elif prev:
            removed = [name for name in prev if name not in now]
            if removed:
                step["removed"] = removed
        text = self.out.take()
        if text is not None:
            step["stdout"] = text
        if event == "return":
            if self.last_event.get(key) != "exception" and not module_level:
                step["value"] = safe_repr(arg)
            if self.stack and self.stack[-1] == key:
                self.stack.pop()
            self.last_event.pop(key, None)
            if code.co_flags & _SUSPENDABLE:
                self.previous[key] = (frame, now, values)  # a generator comes back later with these locals
            else:
                self.previous.pop(key, None)
        else:
            if event == "exception":
                step["value"] = _exception_text(arg[0], arg[1])
            self.last_event[key] = event
            self.previous[key] = (frame, now, values)
        self.steps.append(step)


_MISSING = object()
_IMMUTABLE = frozenset((int, float, complex, str, bytes, bool, type(None), type, types.FunctionType,
                        types.ModuleType, types.BuiltinFunctionType))
_SUSPENDABLE = 0x20 | 0x80 | 0x200  # CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR


def _qualname(code):
    return getattr(code, "co_qualname", code.co_name)


def _exception_text(exc_type, exc_value):
    name = getattr(exc_type, "__name__", "Exception")
    try:
        if _is_user_function(getattr(type(exc_value), "__str__", None)):
            message = safe_repr(getattr(exc_value, "args", ()))  # never run user code from the tracer
        else:
            message = str(exc_value)
    except Exception:
        message = ""
    if len(message) > REPR_MAX:
        message = message[:REPR_MAX] + "..."
    if name == "RuntimeError" and "stack switch" in message.lower():
        # Pyodide runs an event loop to the end (asyncio.run, loop.run_until_complete) only by suspending
        # WebAssembly, which a synchronous tracer run cannot do: say so in plain words instead of Emscripten's.
        message = ("asyncio.run and run_until_complete are not available here: this runner records traces "
                   "synchronously, and Pyodide needs an asynchronous entry point to wait for an event loop")
    return name + (": " + message if message else "")


def _error_line(tb):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == USER_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# ---------------------------------------------------------------------------------------------- running


class _Discard(io.TextIOBase):
    """sys.stderr during a run: the trace records stdout only."""

    def writable(self):
        return True

    def write(self, s):
        return len(s)


class _Stdin(io.TextIOBase):
    """The stdin given with the request; reading past its end is EOF, as with a closed pipe."""

    def __init__(self, text):
        self.buf = io.StringIO(text)

    def readable(self):
        return True

    def read(self, n=-1):
        return self.buf.read(n)

    def readline(self, n=-1):
        return self.buf.readline(n)

    def isatty(self):
        return False


# ---- worked expressions (request "work": true) ----------------------------------------------------------------
# For a line `x = res + res * 2` the story can show `x = res + res * 2 = 2 + 2 * 2 = 2 + 4 = 6`: the expression,
# its names replaced by their values, then one operation at a time in Python's order of evaluation. Every value
# comes from Python: the names from the frame just before the line runs, each operation from the operator
# module (or a builtin) applied to real values. Only side-effect-free expressions over plain values qualify
# (numbers, short strings, small lists and tuples of them, a few pure builtins); anything else gets no work.

_ast_parse, _ast_unparse, _ast_walk = ast.parse, ast.unparse, ast.walk
_ast_unparse(_ast_parse("0"))  # 3.14 loads its unparser lazily: load it now, before the integrity snapshot
_A = types.SimpleNamespace(**{n: getattr(ast, n) for n in (
    "Assign", "AugAssign", "Return", "Name", "Constant", "BinOp", "UnaryOp", "Compare", "BoolOp", "IfExp", "Call",
    "Subscript", "Slice", "List", "Tuple", "And", "Load", "FunctionDef", "If", "While")})
_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
           ast.BitAnd: operator.and_, ast.BitOr: operator.or_, ast.BitXor: operator.xor,
           ast.LShift: operator.lshift, ast.RShift: operator.rshift}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_, ast.Invert: operator.invert}
_CMP = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
        ast.GtE: operator.ge, ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
        ast.Is: operator.is_, ast.IsNot: operator.is_not}
_PURE = {n: builtins.__dict__[n] for n in ("abs", "min", "max", "len", "sum", "int", "str", "float", "bool", "round",
                                            "sorted", "list", "tuple", "ord", "chr", "divmod", "pow")}
WORK_STEPS = 8  # operations shown at most; a longer expression gets no work
WORK_CHARS = 80  # characters per worked form at most


class _NoWork(Exception):
    pass


def _work_statements(code):
    """line -> (target, expression) for one-line assignments to a name, augmented assignments, returns and the tests
    of `if`, `elif` and `while` (target `<if>`, `<elif>`, `<while>`); line -> [(target, expression), ...] for a
    tuple assignment of as many names as values (`a, b = b, a + b`: every value is read before any is bound)."""
    try:
        tree = _ast_parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return {}
    lines = code.split("\n")
    out = {}
    for node in _ast_walk(tree):
        if isinstance(node, (_A.If, _A.While)):
            test = node.test
            if test.lineno == test.end_lineno == node.lineno and node.body[0].lineno > node.lineno:
                text = lines[node.lineno - 1].lstrip() if node.lineno <= len(lines) else ""
                keyword = "while" if isinstance(node, _A.While) else "elif" if text.startswith("elif") else "if"
                out[node.lineno] = ("<" + keyword + ">", test)
            continue
        if getattr(node, "end_lineno", None) != getattr(node, "lineno", 0):
            continue
        if isinstance(node, _A.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], _A.Name):
            out[node.lineno] = (node.targets[0].id, node.value)
        elif (isinstance(node, _A.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], _A.Tuple)
              and isinstance(node.value, _A.Tuple) and len(node.targets[0].elts) == len(node.value.elts)
              and all(isinstance(t, _A.Name) for t in node.targets[0].elts)
              and len({t.id for t in node.targets[0].elts}) == len(node.targets[0].elts)):
            out[node.lineno] = [(t.id, v) for t, v in zip(node.targets[0].elts, node.value.elts)]
        elif isinstance(node, _A.AugAssign) and isinstance(node.target, _A.Name):
            out[node.lineno] = (node.target.id, _A.BinOp(_A.Name(node.target.id, _A.Load()), node.op, node.value))
        elif isinstance(node, _A.Return) and node.value is not None:
            out[node.lineno] = ("<return>", node.value)
    return out


def _plain(v, depth=0):
    t = type(v)
    if t is bool or v is None or t is float:
        return True
    if t is int:
        return -10 ** 15 < v < 10 ** 15
    if t is str:
        return len(v) <= 40
    if t in (list, tuple):
        return depth < 2 and len(v) <= 12 and all(_plain(x, depth + 1) for x in v)
    return False


def _const(v):
    if not _plain(v):
        raise _NoWork()
    return _A.Constant(v)


def _substitute(node, names, globals_):
    """The expression with every name replaced by its value (function names stay, and must be pure builtins)."""
    if isinstance(node, _A.Name):
        if node.id in names:
            return _const(names[node.id])
        if node.id in globals_:
            return _const(globals_[node.id])
        raise _NoWork()
    if isinstance(node, _A.Call):
        f = node.func
        if not isinstance(f, _A.Name) or f.id not in _PURE or node.keywords or f.id in names:
            raise _NoWork()
        if globals_.get(f.id, _PURE[f.id]) is not _PURE[f.id]:
            raise _NoWork()
        return _A.Call(f, [_substitute(a, names, globals_) for a in node.args], [])
    if isinstance(node, _A.Constant):
        return _const(node.value)
    if isinstance(node, _A.BinOp) and type(node.op) in _BINOPS:
        return _A.BinOp(_substitute(node.left, names, globals_), node.op, _substitute(node.right, names, globals_))
    if isinstance(node, _A.UnaryOp) and type(node.op) in _UNARY:
        return _A.UnaryOp(node.op, _substitute(node.operand, names, globals_))
    if isinstance(node, _A.Compare) and all(type(o) in _CMP for o in node.ops):
        return _A.Compare(_substitute(node.left, names, globals_), node.ops,
                          [_substitute(c, names, globals_) for c in node.comparators])
    if isinstance(node, _A.BoolOp):
        return _A.BoolOp(node.op, [_substitute(v, names, globals_) for v in node.values])
    if isinstance(node, _A.IfExp):
        return _A.IfExp(*(_substitute(n, names, globals_) for n in (node.test, node.body, node.orelse)))
    if isinstance(node, _A.Subscript):
        return _A.Subscript(_substitute(node.value, names, globals_), _substitute(node.slice, names, globals_),
                            _A.Load())
    if isinstance(node, _A.Slice):
        return _A.Slice(*(None if n is None else _substitute(n, names, globals_)
                          for n in (node.lower, node.upper, node.step)))
    if isinstance(node, (_A.List, _A.Tuple)):
        return type(node)([_substitute(e, names, globals_) for e in node.elts], _A.Load())
    raise _NoWork()


def _val(n):
    return isinstance(n, _A.Constant)


def _reduce(node):
    """One operation, the first Python would do: the innermost leftmost one whose operands are values."""
    if isinstance(node, _A.BinOp):
        if not _val(node.left):
            return _A.BinOp(_reduce(node.left), node.op, node.right)
        if not _val(node.right):
            return _A.BinOp(node.left, node.op, _reduce(node.right))
        return _const(_BINOPS[type(node.op)](node.left.value, node.right.value))
    if isinstance(node, _A.UnaryOp):
        if not _val(node.operand):
            return _A.UnaryOp(node.op, _reduce(node.operand))
        return _const(_UNARY[type(node.op)](node.operand.value))
    if isinstance(node, _A.Compare):
        parts = [node.left, *node.comparators]
        for i, p in enumerate(parts):
            if not _val(p):
                parts[i] = _reduce(p)
                return _A.Compare(parts[0], node.ops, parts[1:])
        ok = all(_CMP[type(op)](parts[i].value, parts[i + 1].value) for i, op in enumerate(node.ops))
        return _const(ok)
    if isinstance(node, _A.BoolOp):
        first, rest = node.values[0], node.values[1:]
        if not _val(first):
            return _A.BoolOp(node.op, [_reduce(first), *rest])
        decided = (not first.value) if isinstance(node.op, _A.And) else bool(first.value)
        if decided or not rest:
            return first
        return rest[0] if len(rest) == 1 else _A.BoolOp(node.op, rest)
    if isinstance(node, _A.IfExp):
        if not _val(node.test):
            return _A.IfExp(_reduce(node.test), node.body, node.orelse)
        return node.body if node.test.value else node.orelse
    if isinstance(node, _A.Call):
        for i, a in enumerate(node.args):
            if not _val(a):
                args = list(node.args)
                args[i] = _reduce(a)
                return _A.Call(node.func, args, [])
        return _const(_PURE[node.func.id](*(a.value for a in node.args)))
    if isinstance(node, _A.Subscript):
        if not _val(node.value):
            return _A.Subscript(_reduce(node.value), node.slice, _A.Load())
        if isinstance(node.slice, _A.Slice):
            parts = [node.slice.lower, node.slice.upper, node.slice.step]
            for i, p in enumerate(parts):
                if p is not None and not _val(p):
                    parts[i] = _reduce(p)
                    return _A.Subscript(node.value, _A.Slice(*parts), _A.Load())
            return _const(node.value.value[slice(*(None if p is None else p.value for p in parts))])
        if not _val(node.slice):
            return _A.Subscript(node.value, _reduce(node.slice), _A.Load())
        return _const(node.value.value[node.slice.value])
    if isinstance(node, (_A.List, _A.Tuple)):
        for i, e in enumerate(node.elts):
            if not _val(e):
                elts = list(node.elts)
                elts[i] = _reduce(e)
                return type(node)(elts, _A.Load())
        seq = [e.value for e in node.elts]
        return _const(seq if isinstance(node, _A.List) else tuple(seq))
    raise _NoWork()


def _work(target, expr, names, globals_, bound):
    """Step.work for one target: the chain, and (when asked) the bound form where it differs from the expression."""
    chain = _work_chain(expr, names, globals_)
    if chain is None:
        return None
    work = {"target": target, "chain": chain}
    if not bound:
        return work
    try:
        bound = _bound_form(chain[0], names, globals_)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        bound = None
    if bound is not None and bound != chain[0]:
        work["bound"] = bound
    return work


def _bound_form(text, names, globals_):
    """The expression as written with each name's value after it (`diff=1 + z=18 * 2`), for `bound` stories:
    the value stands beside its name, so it is copied without first finding which name this place holds.
    Function names stay as written. None for text that is not ASCII (offsets would be bytes)."""
    if not text.isascii():
        return None
    tree = _ast_parse(text, mode="eval")
    funcs = {id(n.func) for n in _ast_walk(tree) if isinstance(n, _A.Call)}
    spots = sorted((n.end_col_offset, n.id) for n in _ast_walk(tree)
                   if isinstance(n, _A.Name) and id(n) not in funcs and (n.id in names or n.id in globals_))
    out, at = [], 0
    for end, name in spots:
        out.append(text[at:end] + "=" + safe_repr(names[name] if name in names else globals_[name]))
        at = end
    out.append(text[at:])
    return "".join(out)


def _work_chain(expr, names, globals_):
    """[as written, with values, after each operation...]: the last form is the value. None when not shown."""
    try:
        forms = [_ast_unparse(expr)]
        node = _substitute(expr, names, globals_)
        forms.append(_ast_unparse(node))
        for _ in range(WORK_STEPS):
            if _val(node):
                break
            node = _reduce(node)
            forms.append(_ast_unparse(node))
        else:
            return None
        if not _val(node):
            return None
        forms[-1] = safe_repr(node.value)
    except (_NoWork, ArithmeticError, TypeError, ValueError, IndexError, KeyError, RecursionError, MemoryError):
        return None
    chain = [f for i, f in enumerate(forms) if i == 0 or f != forms[i - 1]]
    if len(chain) < 2 or any(len(f) > WORK_CHARS for f in chain):
        return None
    return chain


def run(request):
    """Run one request (the dict form of RunRequest with limits filled in) and return the trace as a dict."""
    code = request["code"]
    mode = request.get("mode", "program")
    limits = request["limits"]
    started = _monotonic()
    trace = {"version": TRACE_VERSION, "mode": mode, "code": code, "limits": limits}
    if mode == "call":
        trace["call"] = request.get("call") or ""
    else:
        trace["stdin"] = request.get("stdin") or ""

    output_only = bool(request.get("outputOnly"))
    # Output only: no step is recorded and no step limit applies (the time limit still does, checked as the
    # unrecorded parts of a traced run are); the result and stdout come back as usual.
    tracer = Tracer(1 << 62 if output_only else limits["maxSteps"], limits["timeoutMs"],
                    record_all=(mode == "program" and not output_only),
                    work=_work_statements(code) if request.get("work") and not output_only else None,
                    bound=request.get("work") == "bound")
    tracer.output_only = output_only
    try:
        status, error, result = _execute(tracer, request, mode)
    except KeyboardInterrupt:  # Stop arrived just before or after the program ran (outside our handler)
        _settrace(None)
        tracer.disarm_guard()
        status, error, result = "interrupted", _limit_error(tracer, "interrupted"), None
    trace["status"] = status
    if error is not None:
        trace["error"] = error
    leftover = tracer.out.take()
    if leftover is not None and tracer.steps:
        last = tracer.steps[-1]
        last["stdout"] = last.get("stdout", "") + leftover
    trace["steps"] = tracer.steps
    trace["stdout"] = tracer.out.text()
    trace["stdoutTruncated"] = tracer.out.truncated
    if result is not None:
        trace["result"] = result
    trace["durationMs"] = round((_monotonic() - started) * 1000.0, 3)
    return trace


def run_json(request_json):
    trace = run(_json_loads(request_json))
    for _ in range(3):
        try:
            return _json_dumps(trace)
        except KeyboardInterrupt:  # a late Stop must not lose a finished trace
            continue
    return _json_dumps(trace)


def _execute(tracer, request, mode):
    code = request["code"]
    try:
        compiled = compile(code, USER_FILE, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return "error", {"type": type(exc).__name__, "message": exc.msg or str(exc), "line": exc.lineno}, None
    except (ValueError, OverflowError, MemoryError, RecursionError) as exc:  # null bytes, too deep nesting
        return "error", {"type": type(exc).__name__, "message": str(exc), "line": None}, None
    call_code = None
    if mode == "call":
        try:
            call_code = compile(request.get("call") or "", CALL_FILE, "eval", dont_inherit=True)
        except SyntaxError as exc:
            return "error", {"type": "SyntaxError", "message": "in the call expression: " + (exc.msg or ""),
                             "line": None}, None
        tracer.skip_code = compiled

    env = {"__name__": "__main__", "__builtins__": builtins, "__doc__": None}
    saved = _Patches(tracer, request.get("stdin") or "")
    result = None
    value = None
    gc_was_enabled = _gc_isenabled()
    _gc_disable()
    saved.apply()
    _settrace(tracer.global_trace)
    try:
        exec(compiled, env)
        if mode == "call":
            tracer.recording = not tracer.output_only
            value = eval(call_code, env)
            tracer.recording = False
            result = repr(value)  # the real repr, still under the limits (a looping __repr__ hits them)
        status, error = "ok", None
    except StopRun:
        status, error = tracer.stop_reason or "interrupted", None
    except KeyboardInterrupt:
        status, error = "interrupted", None
        tracer.stop_reason = "interrupted"
    except SystemExit as exc:
        status, error = _exit_status(exc)
    except BaseException as exc:  # noqa: BLE001 - the program's uncaught exception is its outcome
        if tracer.stop_reason is not None:  # the program turned our StopRun into another exception
            status, error = tracer.stop_reason, None
        else:
            status = "error"
            error = {"type": type(exc).__name__, "message": _exception_text(type(exc), exc).partition(": ")[2],
                     "line": _error_line(exc.__traceback__)}
            if isinstance(exc, MemoryError):
                error["message"] = error["message"] or "out of memory"
    finally:
        # Drop the program's objects while the limits still hold: their finalizers (__del__) are user code too.
        tracer.recording = False
        value = None
        tracer.previous.clear()
        try:
            env.clear()
            saved.restore_builtins()
        except BaseException:  # noqa: BLE001 - a finalizer stopped by a limit, or interrupted
            pass
        _settrace(None)
        tracer.disarm_guard()
        saved.restore()
        _KINDS.clear()
        _SLOTS.clear()
        if gc_was_enabled:
            _gc_enable()
    if status != "ok":
        result = None
        if error is None:
            error = _limit_error(tracer, status)
    return status, error, result


def _limit_error(tracer, status):
    line = None
    for step in reversed(tracer.steps):
        line = step["line"]
        break
    messages = {
        "step_limit": "stopped after %d steps (the step limit); the program may loop forever" % tracer.max_steps,
        "timeout": "stopped at the time limit; the program may loop forever or wait too long",
        "interrupted": "stopped by the user",
    }
    kind = {"step_limit": "StepLimit", "timeout": "Timeout", "interrupted": "Interrupted"}.get(status, status)
    return {"type": kind, "message": messages.get(status, status), "line": line}


def _exit_status(exc):
    code = exc.code
    if code is None or code == 0:
        return "ok", None
    return "error", {"type": "SystemExit", "message": "exit code %s" % (code,) if isinstance(code, int) else str(code),
                     "line": _error_line(exc.__traceback__)}


class _Patches:
    """What a run swaps in for the program, and puts back after: stdio, sleep, exits, the trace hooks."""

    def __init__(self, tracer, stdin):
        self.tracer = tracer
        self.stdin = stdin
        self.saved = None

    def apply(self):
        tracer = self.tracer
        real_sleep = _real_sleep

        def sleep(seconds):
            left = tracer.deadline - _monotonic()
            if seconds > left:
                if left > 0:
                    real_sleep(left)
                tracer.stop("timeout")
            real_sleep(seconds)

        def exit_now(status=0):
            raise SystemExit(status)

        def settrace(fn):
            """The program may not switch the tracer off; other trace functions are ignored."""

        def no_shell(*_args, **_kwargs):
            return -1  # what os.system gives in the browser; in Node the permission model would kill the child

        real_limit = _getrecursionlimit()

        def setrecursionlimit(n):
            """Deeper than the default would overflow the wasm stack and kill the runtime."""
            _real_setrecursionlimit(min(int(n), real_limit))

        def on_interrupt(_signum, _frame):
            """Stop (the page's interrupt buffer) ends the run for good, even if the program catches exceptions."""
            tracer.stop("interrupted")

        try:
            self.saved_sigint = _signal(_SIGINT, on_interrupt)
        except (ValueError, OSError, AttributeError):  # not the main thread, or no signals at all
            self.saved_sigint = None

        self.saved = (sys.stdout, sys.stderr, sys.stdin, time.sleep, os._exit, sys.settrace, os.system,
                      sys.setrecursionlimit, real_limit, dict(builtins.__dict__))
        sys.stdout = tracer.out
        sys.stderr = _Discard()
        sys.stdin = _Stdin(self.stdin)
        time.sleep = sleep
        os._exit = exit_now
        sys.settrace = settrace
        os.system = no_shell
        sys.setrecursionlimit = setrecursionlimit

    def restore(self):
        (sys.stdout, sys.stderr, sys.stdin, time.sleep, os._exit, sys.settrace, os.system,
         sys.setrecursionlimit, limit, _builtins) = self.saved
        _real_setrecursionlimit(limit)
        if self.saved_sigint is not None:
            _signal(_SIGINT, self.saved_sigint)
        self.restore_builtins()

    def restore_builtins(self):
        """Undo `builtins.x = ...`. Compared by identity: == could call a program's __eq__."""
        bdict = self.saved[-1]
        current = builtins.__dict__
        if len(current) != len(bdict) or any(current.get(k, _MISSING) is not v for k, v in bdict.items()):
            current.clear()
            current.update(bdict)


# ---------------------------------------------------------------------------------------------- integrity


def make_guard():
    """After load (and a warm-up run), the host calls this once and keeps the function it returns.

    A program runs in the same interpreter as the tracer, and what it changes in imported modules would stay for
    the next program (a shared link could rewrite `json.dumps` or `random.random` for the person's later runs).
    The returned `check()` compares the runtime with the state recorded here, by identity: the entries of
    `sys.modules`, every attribute of every module loaded now, the attributes of their Python classes, the tracer's
    own globals, functions and private builtins, and the import machinery. It returns the names of what changed
    ('' when nothing did); the host then replaces the interpreter. Modules a program imports for the first time are
    dropped after its run, so the next program imports them afresh.
    Everything check() uses is bound in this closure: nothing the program can reach by name.
    The audit hook installed here refuses the ways to find the tracer's objects from a program (gc.get_objects and
    friends, sys._getframe landing in the tracer, other audit hooks, replacing a function's code).
    """
    import itertools
    import operator

    flatten = itertools.chain.from_iterable
    values_of = operator.methodcaller("values")
    fn_state = operator.attrgetter("__code__", "__defaults__", "__kwdefaults__")
    modules = sys.modules
    is_ = operator.is_
    all_, map_, len_, list_, type_, tuple_, isinstance_ = all, map, len, list, type, tuple, isinstance
    zip_, getattr_, dict_, id_, set_, missing, runtime_error = zip, getattr, dict, id, set, _MISSING, RuntimeError
    str_ = str
    module_type, function_type, type_type = types.ModuleType, types.FunctionType, type
    sys_, meta_path_label = sys, ("sys.meta_path", "sys.path_hooks", "sys.path")
    immutable_flag = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: built-in and C types cannot be changed
    tracer_globals = globals()
    private_builtins = tracer_globals["__builtins__"]
    tracer_file = _TRACER_FILE

    def snapshot_dict(label, d):
        return (label, d, tuple_(d.values()), tuple_(d))

    def take():
        dicts = []
        seen_classes = set_()
        for name, mod in list_(modules.items()):
            d = getattr_(mod, "__dict__", None)
            if not isinstance_(d, dict):
                continue
            dicts.append(snapshot_dict(name, d))
            for attr, value in list_(d.items()):
                if isinstance_(value, type_type) and not value.__flags__ & immutable_flag and id_(value) not in seen_classes:
                    seen_classes.add(id_(value))
                    dicts.append(snapshot_dict("%s.%s" % (name, attr), value.__dict__))
        dicts.append(snapshot_dict("<tracer>", tracer_globals))
        dicts.append(snapshot_dict("<tracer builtins>", private_builtins))
        funcs = []
        for value in list_(tracer_globals.values()):
            candidates = [value]
            if isinstance_(value, type_type) and value.__module__ == tracer_globals.get("__name__"):
                candidates.extend(value.__dict__.values())
            for fn in candidates:
                if type_(fn) is function_type:
                    funcs.append((fn, fn.__code__, fn.__defaults__, fn.__kwdefaults__))
        hooks = (tuple_(sys_.meta_path), tuple_(sys_.path_hooks), tuple_(sys_.path))
        return dicts, funcs, hooks, dict_(modules)

    dicts, funcs, hooks, known = take()
    watched = tuple_(entry[1] for entry in dicts)
    fns = tuple_(entry[0] for entry in funcs)

    flat_values = tuple_(flatten(map_(values_of, watched)))
    flat_fns = tuple_(flatten(map_(fn_state, fns)))
    sizes = tuple_(map_(len_, watched))

    def unchanged():
        """The common case at C speed: same modules, same values everywhere, in the same order."""
        if len_(modules) != len_(known) or not all_(map_(is_, known.values(), modules.values())):
            return False
        if tuple_(map_(len_, watched)) != sizes:  # ints: == runs no program code
            return False
        if not all_(map_(is_, flatten(map_(values_of, watched)), flat_values)):
            return False
        if not all_(map_(is_, flatten(map_(fn_state, fns)), flat_fns)):
            return False
        now = (tuple_(sys_.meta_path), tuple_(sys_.path_hooks), tuple_(sys_.path))
        return all_(len_(a) == len_(b) and all_(map_(is_, a, b)) for a, b in zip_(hooks, now))

    def changed_in(label, d, values, keys, out):
        if len_(d) == len_(values) and all_(map_(is_, values, d.values())) and all_(map_(is_, keys, d)):
            return
        old_keys = set_(keys)
        for key, old in zip_(keys, values):
            if d.get(key, missing) is not old:
                out.append("%s.%s" % (label, key))
        for key in list_(d):
            if type_(key) is not str_:  # never hash a program's object here: its __hash__ is code
                out.append("%s[<%s>]" % (label, type_(key).__name__))
            elif key not in old_keys:
                value = d[key]
                if (type_(value) is module_type and type_(d) is dict_
                        and known.get(getattr_(value, "__name__", None)) is not value):
                    del d[key]  # a submodule imported by the program: dropped with it (in check)
                else:
                    out.append("%s.%s" % (label, key))

    def check():
        if unchanged():
            return ""
        out = []
        for name in list_(modules):
            mod = modules.get(name)
            if name not in known:
                del modules[name]  # imported by the program: its next run imports a fresh copy
            elif known[name] is not mod:
                out.append("sys.modules[%r]" % name)
        for name in known:
            if name not in modules:
                out.append("sys.modules[%r]" % name)
        for label, d, values, keys in dicts:
            changed_in(label, d, values, keys, out)
        for fn, code, defaults, kwdefaults in funcs:
            if fn.__code__ is not code or fn.__defaults__ is not defaults or fn.__kwdefaults__ is not kwdefaults:
                out.append("<tracer>." + fn.__qualname__)
        now = (tuple_(sys_.meta_path), tuple_(sys_.path_hooks), tuple_(sys_.path))
        for label, old, new in zip_(meta_path_label, hooks, now):
            if len_(old) != len_(new) or not all_(map_(is_, old, new)):
                out.append(label)
        return "\n".join(out[:20])

    refused = frozenset(("gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys._current_frames",
                         "sys.addaudithook", "sys._current_exceptions"))

    def audit(event, args):
        if event in refused:
            raise runtime_error("%s is not available in Dry Run" % event)
        if event == "sys._getframe":
            if args and args[0].f_code.co_filename == tracer_file:
                raise runtime_error("sys._getframe cannot reach below the program in Dry Run")
        elif event == "object.__setattr__" and len_(args) > 1 and args[1] == "__code__":
            raise runtime_error("replacing a function's code is not available in Dry Run")

    sys_.addaudithook(audit)
    return check


# ---------------------------------------------------------------------------------------------- comparing values


class _NotLiteral(Exception):
    pass


def parse_value(text):
    """A Python value from the repr of one: literals plus inf/nan, set(), frozenset(...). Never runs code."""
    import ast

    tree = ast.parse(text.strip(), mode="eval")
    names = {"inf": math.inf, "nan": math.nan, "True": True, "False": False, "None": None}

    def ev(node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Tuple):
            return tuple(ev(e) for e in node.elts)
        if isinstance(node, ast.List):
            return [ev(e) for e in node.elts]
        if isinstance(node, ast.Set):
            return {ev(e) for e in node.elts}
        if isinstance(node, ast.Dict):
            if any(k is None for k in node.keys):
                raise _NotLiteral("dict unpacking")
            return {ev(k): ev(val) for k, val in zip(node.keys, node.values)}
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = ev(node.operand)
            if not isinstance(operand, (int, float, complex)):
                raise _NotLiteral("sign of a non-number")
            return -operand if isinstance(node.op, ast.USub) else +operand
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            left, right = ev(node.left), ev(node.right)
            if isinstance(left, (int, float)) and isinstance(right, complex):
                return left + right if isinstance(node.op, ast.Add) else left - right
            raise _NotLiteral("arithmetic")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            fn = {"set": set, "frozenset": frozenset, "float": float, "tuple": tuple, "list": list,
                  "dict": dict}.get(node.func.id)
            if fn is not None and len(node.args) <= 1:
                args = [ev(a) for a in node.args]
                if fn is float and not (args and isinstance(args[0], str)):
                    raise _NotLiteral("float()")
                return fn(*args)
        raise _NotLiteral(type(node).__name__)

    return ev(tree.body)


def values_equal(a, b, tol=1e-5):
    """Python's == , except that floats agree within `tol`."""
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            if math.isnan(a) or math.isnan(b):
                return False
            return a == b or abs(a - b) <= tol
        return False
    if type(a) in (list, tuple) and type(b) is type(a):
        return len(a) == len(b) and all(values_equal(x, y, tol) for x, y in zip(a, b))
    if type(a) is dict and type(b) is dict:
        return a.keys() == b.keys() and all(values_equal(a[k], b[k], tol) for k in a)
    try:
        return bool(a == b)
    except Exception:
        return False


def compare(expected, actual):
    try:
        return values_equal(parse_value(expected), parse_value(actual))
    except (SyntaxError, ValueError, TypeError, _NotLiteral, RecursionError, MemoryError):
        return False


def compare_json(pair_json):
    expected, actual = _json_loads(pair_json)
    return compare(expected, actual)


if __name__ == "__main__":
    print(run_json(sys.stdin.read()))
