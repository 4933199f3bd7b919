// One-click programs for a first visit: each shows one idea worth stepping through.
export interface Example {
  id: string;
  title: string;
  code: string;
  stdin: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'loop',
    title: 'Loop: a running total',
    stdin: '',
    code: `# A loop adds each number to a running total.
numbers = [3, 1, 4, 1, 5]
total = 0
for n in numbers:
    total = total + n
print("total:", total)
`,
  },
  {
    id: 'recursion',
    title: 'Recursion: factorial',
    stdin: '',
    code: `# Each call waits on the stack until the smaller one returns.
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)

print(factorial(4))
`,
  },
  {
    id: 'aliasing',
    title: 'Aliasing: two names, one list',
    stdin: '',
    code: `# b = a does not copy the list: both names refer to the same one.
a = [1, 2, 3]
b = a
b.append(4)
c = list(a)  # this one is a real copy
c.append(5)
print(a)
print(b)
print(c)
`,
  },
  {
    id: 'off-by-one',
    title: 'Bug hunt: off by one',
    stdin: '',
    code: `# Meant to add 1 + 2 + 3 + 4 + 5 = 15. Step through: which number never gets added?
n = 5
total = 0
for i in range(1, n):
    total += i
print(total)
`,
  },
  {
    id: 'exception',
    title: 'Exception: average of nothing',
    stdin: '',
    code: `# The average of an empty list divides by zero.
def average(xs):
    return sum(xs) / len(xs)

print(average([2, 4, 9]))
print(average([]))
`,
  },
  {
    id: 'input',
    title: 'Input: reading stdin',
    stdin: 'Ada\n3\n',
    code: `# input() reads one line of the stdin box at a time.
name = input()
times = int(input())
for _ in range(times):
    print("Hello,", name)
`,
  },
  {
    // The shape of the model's training scripts (no comments, a function, its input from stdin): ask the model.
    id: 'model',
    title: 'Ask the model: a loop',
    stdin: '3\n',
    code: `def f(n):
    total = 1
    for i in range(n):
        total += i * 2
    return total

arg0 = eval(input())
print(f(arg0))
`,
  },
];
