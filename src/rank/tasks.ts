// The hand-written source of the shipped bank (public/bank/tasks.jsonl, built by `npm run bank`): small function
// tasks of the kind the generator's levels 2-4 make (loops, branches, lists, strings), each with a reference
// solution, public and hidden test inputs, correct variants written another way and realistic bugs written by
// hand. The builder adds bugs from the mutation engine and computes every output by running the reference: no
// expected value is written here. Code stays under ~12 lines so a prompt with one test fits a 384-token block.
// A data file: long by nature, one task per entry, read entry by entry.
import type { TaskSource } from './build.ts';

type Written = [note: string, code: string];

interface Entry {
  id: string;
  entry: string;
  statement: string;
  reference: string;
  public: string[];
  hidden: string[];
  correct: Written[];
  bugs: Written[];
}

const ENTRIES: Entry[] = [
  {
    id: 'sum-evens',
    entry: 'sum_evens',
    statement: 'Write sum_evens(nums) that returns the sum of the even numbers in the list nums (0 when there are none). Negative even numbers count too.',
    reference: `
def sum_evens(nums):
    total = 0
    for n in nums:
        if n % 2 == 0:
            total += n
    return total
`,
    public: ['[1, 2, 3, 4]', '[2, 4, 6]', '[1, 3, 5]', '[]', '[10, -2, 7]'],
    hidden: ['[0]', '[-4, -3]', '[8]', '[5, 6, 7, 8, 9]', '[2, 2, 3]'],
    correct: [
      ['a generator inside sum()', `
def sum_evens(nums):
    return sum(n for n in nums if n % 2 == 0)
`],
      ['a while loop over the indices', `
def sum_evens(nums):
    total = 0
    i = 0
    while i < len(nums):
        if nums[i] % 2 == 0:
            total = total + nums[i]
        i += 1
    return total
`],
    ],
    bugs: [
      ['starts from the second element (nums[1:])', `
def sum_evens(nums):
    total = 0
    for n in nums[1:]:
        if n % 2 == 0:
            total += n
    return total
`],
      ['overwrites the total with each even number instead of adding it', `
def sum_evens(nums):
    total = 0
    for n in nums:
        if n % 2 == 0:
            total = n
    return total
`],
    ],
  },
  {
    id: 'count-vowels',
    entry: 'count_vowels',
    statement: 'Write count_vowels(s) that returns how many vowels (a, e, i, o, u, in upper or lower case) the string s contains. The letter y is not a vowel.',
    reference: `
def count_vowels(s):
    count = 0
    for ch in s.lower():
        if ch in 'aeiou':
            count += 1
    return count
`,
    public: ["'hello'", "'sky'", "'AEIOU'", "''", "'banana'"],
    hidden: ["'Apple'", "'rhythm'", "'queue'", "'Hi There'", "'xyz'"],
    correct: [
      ['a generator over both cases', `
def count_vowels(s):
    return sum(1 for ch in s if ch in 'aeiouAEIOU')
`],
      ['the length of a filtered list', `
def count_vowels(s):
    return len([c for c in s.lower() if c in 'aeiou'])
`],
    ],
    bugs: [
      ['forgets upper-case vowels (no lower())', `
def count_vowels(s):
    count = 0
    for ch in s:
        if ch in 'aeiou':
            count += 1
    return count
`],
      ['counts y as a vowel', `
def count_vowels(s):
    count = 0
    for ch in s.lower():
        if ch in 'aeiouy':
            count += 1
    return count
`],
    ],
  },
  {
    id: 'reverse-words',
    entry: 'reverse_words',
    statement: 'Write reverse_words(s) that returns the words of s in reverse order, joined by single spaces. Words are separated by one or more spaces; leading and trailing spaces are dropped.',
    reference: `
def reverse_words(s):
    words = s.split()
    result = []
    for i in range(len(words) - 1, -1, -1):
        result.append(words[i])
    return ' '.join(result)
`,
    public: ["'hello world'", "'one two three'", "'solo'", "''", "'a b c d'"],
    hidden: ["'  lead space'", "'x  y'", "'Python is fun'", "'1 2'", "'end '"],
    correct: [
      ['a reversed slice of the words', `
def reverse_words(s):
    return ' '.join(s.split()[::-1])
`],
      ['reversed() over the words', `
def reverse_words(s):
    words = s.split()
    return ' '.join(reversed(words))
`],
    ],
    bugs: [
      ['reverses the characters, not the words', `
def reverse_words(s):
    return s[::-1]
`],
      ["splits on single spaces (s.split(' ')), so runs of spaces leave empty words", `
def reverse_words(s):
    words = s.split(' ')
    result = []
    for i in range(len(words) - 1, -1, -1):
        result.append(words[i])
    return ' '.join(result)
`],
    ],
  },
  {
    id: 'running-max',
    entry: 'running_max',
    statement: 'Write running_max(nums) that returns a list of the same length as nums whose item i is the largest of nums[0..i]. An empty list gives an empty list.',
    reference: `
def running_max(nums):
    if not nums:
        return []
    best = nums[0]
    result = []
    for n in nums:
        if n > best:
            best = n
        result.append(best)
    return result
`,
    public: ['[1, 3, 2, 5]', '[5, 4, 3]', '[]', '[2]', '[1, 1, 2]'],
    hidden: ['[-3, -1, -2]', '[0, -5]', '[4, 4, 4]', '[1, 2, 3, 4]', '[-1]'],
    correct: [
      ['max() of the previous result and the new number', `
def running_max(nums):
    result = []
    for n in nums:
        if result:
            result.append(max(result[-1], n))
        else:
            result.append(n)
    return result
`],
      ['max() of each prefix', `
def running_max(nums):
    return [max(nums[:i + 1]) for i in range(len(nums))]
`],
    ],
    bugs: [
      ['appends the best so far before updating it, so each item lags one behind', `
def running_max(nums):
    if not nums:
        return []
    best = nums[0]
    result = []
    for n in nums:
        result.append(best)
        if n > best:
            best = n
    return result
`],
    ],
  },
  {
    id: 'clamp',
    entry: 'clamp',
    statement: 'Write clamp(x, lo, hi) that returns x when lo <= x <= hi, lo when x is below lo and hi when x is above hi. You may assume lo <= hi.',
    reference: `
def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x
`,
    public: ['5, 0, 10', '-3, 0, 10', '15, 0, 10', '0, 0, 10', '10, 0, 10'],
    hidden: ['7, 7, 7', '-1, -5, -2', '3, 4, 9', '100, -100, 99', '2, 1, 3'],
    correct: [
      ['max() and min()', `
def clamp(x, lo, hi):
    return max(lo, min(x, hi))
`],
      ['the middle of the three values', `
def clamp(x, lo, hi):
    return sorted([lo, x, hi])[1]
`],
    ],
    bugs: [
      ['min and max the wrong way round', `
def clamp(x, lo, hi):
    return min(lo, max(x, hi))
`],
      ['returns the wrong bound when x is too large', `
def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return lo
    return x
`],
      ['compares with lo where hi was meant', `
def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > lo:
        return hi
    return x
`],
      ['max() where min() belongs', `
def clamp(x, lo, hi):
    return max(lo, max(x, hi))
`],
    ],
  },
  {
    id: 'fizzbuzz',
    entry: 'fizzbuzz',
    statement: "Write fizzbuzz(n) that returns 'FizzBuzz' when n is divisible by both 3 and 5, 'Fizz' when only by 3, 'Buzz' when only by 5, and otherwise n written as a string.",
    reference: `
def fizzbuzz(n):
    if n % 15 == 0:
        return 'FizzBuzz'
    if n % 3 == 0:
        return 'Fizz'
    if n % 5 == 0:
        return 'Buzz'
    return str(n)
`,
    public: ['3', '5', '15', '7', '9'],
    hidden: ['30', '1', '10', '45', '0'],
    correct: [
      ['builds the word piece by piece', `
def fizzbuzz(n):
    word = ''
    if n % 3 == 0:
        word += 'Fizz'
    if n % 5 == 0:
        word += 'Buzz'
    return word or str(n)
`],
      ['an if/elif chain with and', `
def fizzbuzz(n):
    if n % 3 == 0 and n % 5 == 0:
        return 'FizzBuzz'
    elif n % 3 == 0:
        return 'Fizz'
    elif n % 5 == 0:
        return 'Buzz'
    else:
        return str(n)
`],
    ],
    bugs: [
      ['tests 3 before 15, so FizzBuzz never comes', `
def fizzbuzz(n):
    if n % 3 == 0:
        return 'Fizz'
    if n % 15 == 0:
        return 'FizzBuzz'
    if n % 5 == 0:
        return 'Buzz'
    return str(n)
`],
      ['returns the number itself instead of its string', `
def fizzbuzz(n):
    if n % 15 == 0:
        return 'FizzBuzz'
    if n % 3 == 0:
        return 'Fizz'
    if n % 5 == 0:
        return 'Buzz'
    return n
`],
    ],
  },
  {
    id: 'second-largest',
    entry: 'second_largest',
    statement: 'Write second_largest(nums) that returns the second largest distinct value in nums, or None when nums has fewer than two distinct values.',
    reference: `
def second_largest(nums):
    values = sorted(set(nums))
    if len(values) < 2:
        return None
    return values[-2]
`,
    public: ['[3, 1, 4, 1, 5]', '[2, 2]', '[7]', '[10, 20]', '[]'],
    hidden: ['[5, 5, 3]', '[-1, -2, -3]', '[1, 2, 3, 4]', '[4, 4, 4, 1]', '[0, 0, 1]'],
    correct: [
      ['one pass keeping the two largest', `
def second_largest(nums):
    first = second = None
    for n in nums:
        if first is None or n > first:
            first, second = n, first
        elif n != first and (second is None or n > second):
            second = n
    return second
`],
      ['the largest of what is left once the maximum is removed', `
def second_largest(nums):
    rest = [n for n in nums if n != max(nums)]
    if not rest:
        return None
    return max(rest)
`],
    ],
    bugs: [
      ['keeps duplicates (no set), so a repeated maximum counts twice', `
def second_largest(nums):
    values = sorted(nums)
    if len(values) < 2:
        return None
    return values[-2]
`],
      ['takes the second smallest instead', `
def second_largest(nums):
    values = sorted(set(nums))
    if len(values) < 2:
        return None
    return values[1]
`],
    ],
  },
  {
    id: 'digit-sum',
    entry: 'digit_sum',
    statement: 'Write digit_sum(n) that returns the sum of the decimal digits of the non-negative integer n (digit_sum(0) is 0).',
    reference: `
def digit_sum(n):
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total
`,
    public: ['123', '0', '9', '1000', '4567'],
    hidden: ['99', '10', '5', '808', '123456'],
    correct: [
      ['the digits of its string', `
def digit_sum(n):
    return sum(int(d) for d in str(n))
`],
      ['recursion on the last digit', `
def digit_sum(n):
    if n < 10:
        return n
    return n % 10 + digit_sum(n // 10)
`],
    ],
    bugs: [
      ['overwrites the total with the last digit', `
def digit_sum(n):
    total = 0
    while n > 0:
        total = n % 10
        n //= 10
    return total
`],
      ['stops while one digit is left (n > 9)', `
def digit_sum(n):
    total = 0
    while n > 9:
        total += n % 10
        n //= 10
    return total
`],
    ],
  },
  {
    id: 'is-sorted',
    entry: 'is_sorted',
    statement: 'Write is_sorted(nums) that returns True when every item of nums is less than or equal to the next one (an empty list and a single item are sorted), and False otherwise.',
    reference: `
def is_sorted(nums):
    for i in range(len(nums) - 1):
        if nums[i] > nums[i + 1]:
            return False
    return True
`,
    public: ['[1, 2, 3]', '[3, 1, 2]', '[]', '[5]', '[1, 3, 2]'],
    hidden: ['[1, 1, 2]', '[2, 2, 1]', '[1, 2, 3, 0]', '[-5, 0, 5]', '[4, 4]'],
    correct: [
      ['compares with sorted()', `
def is_sorted(nums):
    return nums == sorted(nums)
`],
      ['all() over neighbouring pairs', `
def is_sorted(nums):
    return all(a <= b for a, b in zip(nums, nums[1:]))
`],
    ],
    bugs: [
      ['only compares the first and last items', `
def is_sorted(nums):
    if not nums:
        return True
    return nums[0] <= nums[-1]
`],
    ],
  },
  {
    id: 'run-lengths',
    entry: 'run_lengths',
    statement: "Write run_lengths(s) that returns the lengths of the runs of equal neighbouring characters in s, in order: run_lengths('aaabcc') is [3, 1, 2]. An empty string gives [].",
    reference: `
def run_lengths(s):
    counts = []
    for i in range(len(s)):
        if i > 0 and s[i] == s[i - 1]:
            counts[-1] += 1
        else:
            counts.append(1)
    return counts
`,
    public: ["'aaabcc'", "'abc'", "''", "'zzzz'", "'aabbaa'"],
    hidden: ["'a'", "'abba'", "'xxy'", "'mississippi'", "'  a'"],
    correct: [
      ['remembers the previous character', `
def run_lengths(s):
    counts = []
    prev = None
    for ch in s:
        if ch == prev:
            counts[-1] += 1
        else:
            counts.append(1)
        prev = ch
    return counts
`],
      ['itertools.groupby', `
def run_lengths(s):
    from itertools import groupby
    return [len(list(group)) for _, group in groupby(s)]
`],
    ],
    bugs: [
      ['compares each character with the first one, not the previous one', `
def run_lengths(s):
    counts = []
    for i in range(len(s)):
        if i > 0 and s[i] == s[0]:
            counts[-1] += 1
        else:
            counts.append(1)
    return counts
`],
    ],
  },
  {
    id: 'count-positive',
    entry: 'count_positive',
    statement: 'Write count_positive(nums) that returns how many numbers in nums are strictly greater than zero.',
    reference: `
def count_positive(nums):
    count = 0
    for n in nums:
        if n > 0:
            count += 1
    return count
`,
    public: ['[1, -2, 3]', '[]', '[0, 0]', '[-1, -5]', '[4, 5, 6]'],
    hidden: ['[0, 1]', '[7]', '[-3, 0, 3]', '[2, -2, 2, -2]', '[10, 20, 0, -1]'],
    correct: [
      ['the length of a filtered list', `
def count_positive(nums):
    return len([n for n in nums if n > 0])
`],
      ['sums the booleans', `
def count_positive(nums):
    return sum(n > 0 for n in nums)
`],
    ],
    bugs: [
      ['returns inside the loop, after the first number', `
def count_positive(nums):
    count = 0
    for n in nums:
        if n > 0:
            count += 1
        return count
    return count
`],
      ['adds the numbers instead of counting them', `
def count_positive(nums):
    count = 0
    for n in nums:
        if n > 0:
            count += n
    return count
`],
    ],
  },
  {
    id: 'factorial',
    entry: 'factorial',
    statement: 'Write factorial(n) that returns n! = 1 * 2 * ... * n for a non-negative integer n (factorial(0) is 1).',
    reference: `
def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result
`,
    public: ['0', '1', '3', '5', '4'],
    hidden: ['2', '6', '7', '10', '8'],
    correct: [
      ['recursion', `
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)
`],
      ['a while loop counting down', `
def factorial(n):
    result = 1
    while n > 1:
        result = result * n
        n -= 1
    return result
`],
    ],
    bugs: [
      ['multiplies from 0 (range(n)), so everything but 0! is 0', `
def factorial(n):
    result = 1
    for i in range(n):
        result *= i
    return result
`],
      ['adds instead of multiplying', `
def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result += i
    return result
`],
    ],
  },
  {
    id: 'fib',
    entry: 'fib',
    statement: 'Write fib(n) that returns the n-th Fibonacci number, where fib(0) is 0, fib(1) is 1 and each next one is the sum of the two before it.',
    reference: `
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
`,
    public: ['0', '1', '2', '5', '7'],
    hidden: ['3', '4', '10', '12', '6'],
    correct: [
      ['a list of all the numbers so far', `
def fib(n):
    seq = [0, 1]
    for i in range(2, n + 1):
        seq.append(seq[i - 1] + seq[i - 2])
    return seq[n]
`],
      ['recursion', `
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
`],
    ],
    bugs: [
      ['returns b, one step ahead', `
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return b
`],
      ['starts from 1, 1', `
def fib(n):
    a, b = 1, 1
    for _ in range(n):
        a, b = b, a + b
    return a
`],
      ['updates a before b is computed from it', `
def fib(n):
    a = 0
    b = 1
    for _ in range(n):
        a = b
        b = a + b
    return a
`],
    ],
  },
  {
    id: 'is-palindrome',
    entry: 'is_palindrome',
    statement: 'Write is_palindrome(s) that returns True when the string s reads the same forwards and backwards, ignoring upper and lower case, and False otherwise. The empty string is a palindrome.',
    reference: `
def is_palindrome(s):
    s = s.lower()
    i = 0
    j = len(s) - 1
    while i < j:
        if s[i] != s[j]:
            return False
        i += 1
        j -= 1
    return True
`,
    public: ["'racecar'", "'hello'", "''", "'abba'", "'ab'"],
    hidden: ["'a'", "'Aba'", "'Noon'", "'abca'", "'xyzyx'"],
    correct: [
      ['compares with its reverse', `
def is_palindrome(s):
    t = s.lower()
    return t == t[::-1]
`],
      ['a for loop over the first half', `
def is_palindrome(s):
    t = s.lower()
    for i in range(len(t) // 2):
        if t[i] != t[-1 - i]:
            return False
    return True
`],
    ],
    bugs: [
      ['forgets to ignore case', `
def is_palindrome(s):
    return s == s[::-1]
`],
      ['splits in the middle, which is wrong for odd lengths', `
def is_palindrome(s):
    s = s.lower()
    half = len(s) // 2
    return s[:half] == s[half:][::-1]
`],
    ],
  },
  {
    id: 'capitalize-words',
    entry: 'capitalize_words',
    statement: "Write capitalize_words(s) that returns s with the first character of every word made upper case and everything else left as it is. Words are separated by single spaces; keep every space where it is.",
    reference: `
def capitalize_words(s):
    words = s.split(' ')
    for i in range(len(words)):
        if words[i]:
            words[i] = words[i][0].upper() + words[i][1:]
    return ' '.join(words)
`,
    public: ["'hello world'", "'python'", "''", "'a b c'", "'one Two'"],
    hidden: ["'hELLO there'", "'x  y'", "'42 apples'", "'Already Done'", "' lead'"],
    correct: [
      ['upper-cases each character that follows a space', `
def capitalize_words(s):
    out = ''
    prev = ' '
    for ch in s:
        out += ch.upper() if prev == ' ' else ch
        prev = ch
    return out
`],
      ['a generator with a safe slice for empty words', `
def capitalize_words(s):
    return ' '.join(w[:1].upper() + w[1:] for w in s.split(' '))
`],
    ],
    bugs: [
      ['str.title(), which also lower-cases the rest of each word', `
def capitalize_words(s):
    return s.title()
`],
      ['split() without an argument loses runs of spaces', `
def capitalize_words(s):
    words = s.split()
    for i in range(len(words)):
        words[i] = words[i][0].upper() + words[i][1:]
    return ' '.join(words)
`],
    ],
  },
  {
    id: 'remove-duplicates',
    entry: 'remove_duplicates',
    statement: 'Write remove_duplicates(nums) that returns the items of nums without repeats, each kept where it first appears.',
    reference: `
def remove_duplicates(nums):
    seen = []
    for n in nums:
        if n not in seen:
            seen.append(n)
    return seen
`,
    public: ['[1, 2, 2, 3]', '[]', '[5, 5, 5]', '[3, 1, 3, 2]', '[1, 2, 3]'],
    hidden: ['[2, 1, 2, 1]', '[0]', '[4, 4, 1, 4]', '[-1, 1, -1]', '[7, 8, 8, 7, 9]'],
    correct: [
      ['a set for what was seen, a list for the order', `
def remove_duplicates(nums):
    seen = set()
    out = []
    for n in nums:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out
`],
      ['keeps an item when it is not in the part before it', `
def remove_duplicates(nums):
    return [n for i, n in enumerate(nums) if n not in nums[:i]]
`],
    ],
    bugs: [
      ['list(set(nums)) loses the order', `
def remove_duplicates(nums):
    return list(set(nums))
`],
      ['only drops a repeat of the previous item', `
def remove_duplicates(nums):
    out = []
    for n in nums:
        if not out or out[-1] != n:
            out.append(n)
    return out
`],
    ],
  },
  {
    id: 'find-index',
    entry: 'find_index',
    statement: 'Write find_index(nums, target) that returns the index of the first item of nums equal to target, or -1 when there is none.',
    reference: `
def find_index(nums, target):
    for i in range(len(nums)):
        if nums[i] == target:
            return i
    return -1
`,
    public: ['[4, 2, 7], 7', '[1, 2, 3], 5', '[], 1', '[3, 3], 3', '[9, 8, 7], 9'],
    hidden: ['[5, 1, 5], 5', '[0, 0, 1], 1', '[2], 2', '[1, 2, 1, 2], 2', '[-1, -2], -2'],
    correct: [
      ['enumerate()', `
def find_index(nums, target):
    for i, n in enumerate(nums):
        if n == target:
            return i
    return -1
`],
      ['list.index() after a membership test', `
def find_index(nums, target):
    if target in nums:
        return nums.index(target)
    return -1
`],
    ],
    bugs: [
      ['keeps looking, so it returns the last match', `
def find_index(nums, target):
    found = -1
    for i in range(len(nums)):
        if nums[i] == target:
            found = i
    return found
`],
      ['gives up after the first item (an else that returns)', `
def find_index(nums, target):
    for i in range(len(nums)):
        if nums[i] == target:
            return i
        else:
            return -1
`],
    ],
  },
  {
    id: 'count-char',
    entry: 'count_char',
    statement: 'Write count_char(s, c) that returns how many times the character c occurs in the string s. Upper and lower case are different characters.',
    reference: `
def count_char(s, c):
    count = 0
    for ch in s:
        if ch == c:
            count += 1
    return count
`,
    public: ["'banana', 'a'", "'hello', 'z'", "'', 'x'", "'aaa', 'a'", "'mississippi', 's'"],
    hidden: ["'Apple', 'a'", "'abcabc', 'c'", "'a', 'a'", "'b b', ' '", "'AaAa', 'A'"],
    correct: [
      ['str.count()', `
def count_char(s, c):
    return s.count(c)
`],
      ['the length of a filtered list', `
def count_char(s, c):
    return len([ch for ch in s if ch == c])
`],
    ],
    bugs: [
      ['skips the first character', `
def count_char(s, c):
    count = 0
    for ch in s[1:]:
        if ch == c:
            count += 1
    return count
`],
      ['ignores case', `
def count_char(s, c):
    count = 0
    for ch in s:
        if ch.lower() == c.lower():
            count += 1
    return count
`],
    ],
  },
  {
    id: 'range-diff',
    entry: 'range_diff',
    statement: 'Write range_diff(nums) that returns the largest number in nums minus the smallest one, or 0 when nums is empty.',
    reference: `
def range_diff(nums):
    if not nums:
        return 0
    lo = hi = nums[0]
    for n in nums:
        if n < lo:
            lo = n
        if n > hi:
            hi = n
    return hi - lo
`,
    public: ['[3, 1, 4]', '[]', '[5]', '[2, 9, 4, 1]', '[-2, -8]'],
    hidden: ['[1, 2, 3]', '[7, 7]', '[-5, 5]', '[10, 0, 10]', '[-3, -1, -2]'],
    correct: [
      ['max() minus min()', `
def range_diff(nums):
    if not nums:
        return 0
    return max(nums) - min(nums)
`],
      ['the ends of the sorted list', `
def range_diff(nums):
    s = sorted(nums)
    return s[-1] - s[0] if s else 0
`],
    ],
    bugs: [
      ['last minus first, as if the list were sorted', `
def range_diff(nums):
    if not nums:
        return 0
    return abs(nums[-1] - nums[0])
`],
    ],
  },
  {
    id: 'power',
    entry: 'power',
    statement: 'Write power(base, exp) that returns base raised to the non-negative integer exp by repeated multiplication (power(x, 0) is 1).',
    reference: `
def power(base, exp):
    result = 1
    for _ in range(exp):
        result *= base
    return result
`,
    public: ['2, 3', '5, 0', '3, 2', '1, 7', '10, 1'],
    hidden: ['0, 0', '0, 3', '-2, 3', '2, 10', '7, 2'],
    correct: [
      ['the ** operator', `
def power(base, exp):
    return base ** exp
`],
      ['a while loop counting exp down', `
def power(base, exp):
    result = 1
    while exp > 0:
        result = result * base
        exp -= 1
    return result
`],
    ],
    bugs: [
      ['starts from base, one multiplication too many', `
def power(base, exp):
    result = base
    for _ in range(exp):
        result *= base
    return result
`],
      ['multiplies by the exponent instead of the base', `
def power(base, exp):
    result = 1
    for _ in range(exp):
        result *= exp
    return result
`],
      ['adds base instead of multiplying by it', `
def power(base, exp):
    result = 1
    for _ in range(exp):
        result += base
    return result
`],
    ],
  },
  {
    id: 'gcd',
    entry: 'gcd',
    statement: 'Write gcd(a, b) that returns the greatest common divisor of the positive integers a and b.',
    reference: `
def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a
`,
    public: ['12, 8', '7, 3', '10, 10', '9, 27', '100, 75'],
    hidden: ['1, 5', '14, 21', '17, 17', '48, 18', '5, 1'],
    correct: [
      ['recursion (Euclid)', `
def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)
`],
      ['tries every divisor from the smaller number down', `
def gcd(a, b):
    for d in range(min(a, b), 0, -1):
        if a % d == 0 and b % d == 0:
            return d
`],
    ],
    bugs: [
      ['returns b, which the loop has just made 0', `
def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return b
`],
      ['takes b % a instead of a % b', `
def gcd(a, b):
    while b != 0:
        a, b = b, b % a
    return a
`],
      ['stops at the first common divisor counting up', `
def gcd(a, b):
    for d in range(1, min(a, b) + 1):
        if a % d == 0 and b % d == 0:
            return d
`],
    ],
  },
  {
    id: 'count-words',
    entry: 'count_words',
    statement: 'Write count_words(s) that returns how many words the string s contains, where a word is a run of characters other than spaces. Several spaces in a row, or at either end, separate nothing more.',
    reference: `
def count_words(s):
    count = 0
    in_word = False
    for ch in s:
        if ch == ' ':
            in_word = False
        elif not in_word:
            in_word = True
            count += 1
    return count
`,
    public: ["'hello world'", "''", "'one'", "'a b c d'", "'  padded  '"],
    hidden: ["'x  y'", "' '", "'two words'", "'a'", "'the quick brown fox'"],
    correct: [
      ['the length of split()', `
def count_words(s):
    return len(s.split())
`],
      ["split(' ') and drop the empty pieces", `
def count_words(s):
    return len([w for w in s.split(' ') if w])
`],
    ],
    bugs: [
      ['counts the spaces plus one', `
def count_words(s):
    return s.count(' ') + 1
`],
      ["split(' ') counts the empty pieces between spaces", `
def count_words(s):
    return len(s.split(' '))
`],
    ],
  },
  {
    id: 'longest-word',
    entry: 'longest_word',
    statement: "Write longest_word(s) that returns the longest word of s (words are separated by spaces); when several are equally long, the first of them. An empty string gives ''.",
    reference: `
def longest_word(s):
    best = ''
    for word in s.split():
        if len(word) > len(best):
            best = word
    return best
`,
    public: ["'the quick brown fox'", "''", "'a bb ccc'", "'hello'", "'hi there you'"],
    hidden: ["'ab cd'", "'one three two'", "'x yy zz'", "'zebra apple'", "'aa b'"],
    correct: [
      ['max() with key=len (it keeps the first of equals)', `
def longest_word(s):
    return max(s.split(), key=len, default='')
`],
      ['a stable sort by length, longest first', `
def longest_word(s):
    words = sorted(s.split(), key=len, reverse=True)
    return words[0] if words else ''
`],
    ],
    bugs: [
      ['max() without a key: the last in alphabetical order', `
def longest_word(s):
    return max(s.split(), default='')
`],
      ['returns the length, not the word', `
def longest_word(s):
    best = ''
    for word in s.split():
        if len(word) > len(best):
            best = word
    return len(best)
`],
      ['compares the words themselves, not their lengths', `
def longest_word(s):
    best = ''
    for word in s.split():
        if word > best:
            best = word
    return best
`],
      ['starts from the first word, which an empty string does not have', `
def longest_word(s):
    words = s.split()
    best = words[0]
    for word in words:
        if len(word) > len(best):
            best = word
    return best
`],
    ],
  },
  {
    id: 'sum-range',
    entry: 'sum_range',
    statement: 'Write sum_range(a, b) that returns the sum of the integers from a to b, both included, or 0 when a is greater than b.',
    reference: `
def sum_range(a, b):
    total = 0
    for i in range(a, b + 1):
        total += i
    return total
`,
    public: ['1, 4', '3, 3', '5, 2', '0, 10', '-2, 2'],
    hidden: ['1, 1', '2, 5', '-3, -1', '10, 12', '0, 0'],
    correct: [
      ['sum() of a range', `
def sum_range(a, b):
    return sum(range(a, b + 1))
`],
      ["Gauss's formula", `
def sum_range(a, b):
    if a > b:
        return 0
    return (a + b) * (b - a + 1) // 2
`],
    ],
    bugs: [
      ['counts from 0 instead of from a', `
def sum_range(a, b):
    total = 0
    for i in range(b - a + 1):
        total += i
    return total
`],
      ['a while loop that stops before b', `
def sum_range(a, b):
    total = 0
    while a < b:
        total += a
        a += 1
    return total
`],
    ],
  },
  {
    id: 'product',
    entry: 'product',
    statement: 'Write product(nums) that returns the product of the numbers in nums; the product of an empty list is 1.',
    reference: `
def product(nums):
    result = 1
    for n in nums:
        result *= n
    return result
`,
    public: ['[2, 3, 4]', '[]', '[5]', '[1, 0, 9]', '[-1, 2]'],
    hidden: ['[-2, -3]', '[1, 1, 1]', '[10, 10]', '[7, 0]', '[3, -1, 2]'],
    correct: [
      ['math.prod()', `
def product(nums):
    import math
    return math.prod(nums)
`],
      ['a while loop over the indices', `
def product(nums):
    result = 1
    i = 0
    while i < len(nums):
        result = result * nums[i]
        i += 1
    return result
`],
    ],
    bugs: [
      ['says an empty list has product 0', `
def product(nums):
    if not nums:
        return 0
    result = 1
    for n in nums:
        result *= n
    return result
`],
      ['adds instead of multiplying', `
def product(nums):
    result = 1
    for n in nums:
        result += n
    return result
`],
      ['skips the first number', `
def product(nums):
    result = 1
    for n in nums[1:]:
        result *= n
    return result
`],
    ],
  },
  {
    id: 'keep-above',
    entry: 'keep_above',
    statement: 'Write keep_above(nums, k) that returns a new list of the numbers in nums that are strictly greater than k, in their order.',
    reference: `
def keep_above(nums, k):
    result = []
    for n in nums:
        if n > k:
            result.append(n)
    return result
`,
    public: ['[1, 5, 3, 8], 3', '[], 0', '[2, 2], 2', '[9, 10], 0', '[4, 1, 6], 4'],
    hidden: ['[1, 2, 5], 3', '[-1, 0, 1], 0', '[7], 7', '[3, 4, 3, 4], 3', '[0, 0, 1], -1'],
    correct: [
      ['a list comprehension', `
def keep_above(nums, k):
    return [n for n in nums if n > k]
`],
      ['filter() with a lambda', `
def keep_above(nums, k):
    return list(filter(lambda n: n > k, nums))
`],
    ],
    bugs: [
      ['removes from the list while looping over it, skipping items', `
def keep_above(nums, k):
    for n in nums:
        if n <= k:
            nums.remove(n)
    return nums
`],
    ],
  },
  {
    id: 'squares',
    entry: 'squares',
    statement: 'Write squares(n) that returns the list [1, 4, 9, ..., n * n] of the squares of 1 to n (an empty list when n is 0).',
    reference: `
def squares(n):
    result = []
    for i in range(1, n + 1):
        result.append(i * i)
    return result
`,
    public: ['3', '0', '1', '5', '2'],
    hidden: ['4', '6', '7', '8', '10'],
    correct: [
      ['a list comprehension with **', `
def squares(n):
    return [i ** 2 for i in range(1, n + 1)]
`],
      ['a while loop', `
def squares(n):
    result = []
    i = 1
    while i <= n:
        result.append(i * i)
        i += 1
    return result
`],
    ],
    bugs: [
      ['starts from 0 (range(n))', `
def squares(n):
    result = []
    for i in range(n):
        result.append(i * i)
    return result
`],
      ['doubles instead of squaring', `
def squares(n):
    result = []
    for i in range(1, n + 1):
        result.append(i * 2)
    return result
`],
    ],
  },
  {
    id: 'pair-sums',
    entry: 'pair_sums',
    statement: 'Write pair_sums(nums) that returns the list of sums of neighbouring items: item i is nums[i] + nums[i + 1]. A list with fewer than two items gives [].',
    reference: `
def pair_sums(nums):
    result = []
    for i in range(len(nums) - 1):
        result.append(nums[i] + nums[i + 1])
    return result
`,
    public: ['[1, 2, 3]', '[]', '[5]', '[1, 1, 1, 1]', '[10, -10]'],
    hidden: ['[0, 5, 0]', '[2, 4, 6, 8]', '[-1, -2]', '[3, 0]', '[1, 2, 4, 8]'],
    correct: [
      ['zip() with the list shifted by one', `
def pair_sums(nums):
    return [a + b for a, b in zip(nums, nums[1:])]
`],
      ['each item with the one before it', `
def pair_sums(nums):
    result = []
    for i in range(1, len(nums)):
        result.append(nums[i - 1] + nums[i])
    return result
`],
    ],
    bugs: [
      ['adds the item before instead of the one after (wrapping round at the start)', `
def pair_sums(nums):
    result = []
    for i in range(len(nums) - 1):
        result.append(nums[i] + nums[i - 1])
    return result
`],
    ],
  },
  {
    id: 'alternating-sum',
    entry: 'alternating_sum',
    statement: 'Write alternating_sum(nums) that returns nums[0] - nums[1] + nums[2] - nums[3] + ..., or 0 for an empty list.',
    reference: `
def alternating_sum(nums):
    total = 0
    for i in range(len(nums)):
        if i % 2 == 0:
            total += nums[i]
        else:
            total -= nums[i]
    return total
`,
    public: ['[1, 2, 3]', '[]', '[5]', '[4, 4]', '[10, 1, 10, 1]'],
    hidden: ['[0, 3]', '[1, 1, 1]', '[-2, 5, 1]', '[7, 2, 2]', '[3, 3, 3, 3]'],
    correct: [
      ['two sliced sums', `
def alternating_sum(nums):
    return sum(nums[::2]) - sum(nums[1::2])
`],
      ['a sign that flips each step', `
def alternating_sum(nums):
    total = 0
    sign = 1
    for n in nums:
        total += sign * n
        sign = -sign
    return total
`],
    ],
    bugs: [
      ['starts the total at nums[0] and then adds it again', `
def alternating_sum(nums):
    if not nums:
        return 0
    total = nums[0]
    for i in range(len(nums)):
        if i % 2 == 0:
            total += nums[i]
        else:
            total -= nums[i]
    return total
`],
      ['flips the sign only once', `
def alternating_sum(nums):
    total = 0
    sign = 1
    for n in nums:
        total += sign * n
        sign = -1
    return total
`],
    ],
  },
  {
    id: 'count-in-range',
    entry: 'count_in_range',
    statement: 'Write count_in_range(nums, lo, hi) that returns how many numbers n in nums satisfy lo <= n <= hi (both ends included).',
    reference: `
def count_in_range(nums, lo, hi):
    count = 0
    for n in nums:
        if lo <= n <= hi:
            count += 1
    return count
`,
    public: ['[1, 5, 10], 2, 8', '[], 0, 1', '[3, 4, 5], 3, 5', '[0, 0], 1, 2', '[-1, 0, 1], -1, 1'],
    hidden: ['[2, 8], 2, 8', '[5], 5, 5', '[1, 2, 3, 4], 2, 3', '[9, 10, 11], 10, 20', '[7, 7, 8], 8, 9'],
    correct: [
      ['sums the booleans', `
def count_in_range(nums, lo, hi):
    return sum(1 for n in nums if lo <= n <= hi)
`],
      ['two comparisons joined by and', `
def count_in_range(nums, lo, hi):
    count = 0
    for n in nums:
        if n >= lo and n <= hi:
            count = count + 1
    return count
`],
    ],
    bugs: [
      ['leaves out both ends', `
def count_in_range(nums, lo, hi):
    count = 0
    for n in nums:
        if lo < n < hi:
            count += 1
    return count
`],
      ['or instead of and counts everything', `
def count_in_range(nums, lo, hi):
    count = 0
    for n in nums:
        if n >= lo or n <= hi:
            count += 1
    return count
`],
    ],
  },
  {
    id: 'rotate-left',
    entry: 'rotate_left',
    statement: 'Write rotate_left(nums, k) that returns nums rotated k places to the left: the first k items move to the end. k may be larger than the length; an empty list gives [].',
    reference: `
def rotate_left(nums, k):
    if not nums:
        return []
    k = k % len(nums)
    return nums[k:] + nums[:k]
`,
    public: ['[1, 2, 3, 4], 1', '[1, 2, 3], 0', '[], 3', '[5, 6], 2', '[1, 2, 3, 4, 5], 2'],
    hidden: ['[1, 2, 3], 4', '[9], 5', '[1, 2, 3, 4], 3', '[7, 8, 9], 3', '[1, 2], 7'],
    correct: [
      ['moves the first item to the end k times', `
def rotate_left(nums, k):
    result = list(nums)
    for _ in range(k):
        if result:
            result.append(result.pop(0))
    return result
`],
      ['indices taken modulo the length', `
def rotate_left(nums, k):
    n = len(nums)
    return [nums[(i + k) % n] for i in range(n)]
`],
    ],
    bugs: [
      ['forgets that k may be larger than the length', `
def rotate_left(nums, k):
    return nums[k:] + nums[:k]
`],
      ['rotates to the right', `
def rotate_left(nums, k):
    if not nums:
        return []
    k = k % len(nums)
    return nums[-k:] + nums[:-k]
`],
    ],
  },
  {
    id: 'caesar',
    entry: 'caesar',
    statement: "Write caesar(s, k) that shifts every lower-case letter of s k places along the alphabet, wrapping from z back to a; every other character stays as it is. caesar('xyz', 2) is 'zab'.",
    reference: `
def caesar(s, k):
    out = ''
    for ch in s:
        if 'a' <= ch <= 'z':
            out += chr((ord(ch) - ord('a') + k) % 26 + ord('a'))
        else:
            out += ch
    return out
`,
    public: ["'abc', 1", "'xyz', 2", "'hello', 0", "'a b', 3", "'', 5"],
    hidden: ["'zoo', 1", "'Hi!', 1", "'abc', 26", "'az', 25", "'m', 13"],
    correct: [
      ['looks each letter up in the alphabet', `
def caesar(s, k):
    letters = 'abcdefghijklmnopqrstuvwxyz'
    out = []
    for ch in s:
        if ch in letters:
            out.append(letters[(letters.index(ch) + k) % 26])
        else:
            out.append(ch)
    return ''.join(out)
`],
      ['str.islower() and a join', `
def caesar(s, k):
    def shift(ch):
        return chr((ord(ch) - 97 + k) % 26 + 97)
    return ''.join(shift(ch) if ch.islower() else ch for ch in s)
`],
    ],
    bugs: [
      ['no wrap-around past z', `
def caesar(s, k):
    out = ''
    for ch in s:
        if 'a' <= ch <= 'z':
            out += chr(ord(ch) + k)
        else:
            out += ch
    return out
`],
      ['shifts every character, spaces too', `
def caesar(s, k):
    out = ''
    for ch in s:
        out += chr((ord(ch) - ord('a') + k) % 26 + ord('a'))
    return out
`],
    ],
  },
  {
    id: 'is-prime',
    entry: 'is_prime',
    statement: 'Write is_prime(n) that returns True when the integer n is a prime number (greater than 1, divisible only by 1 and itself) and False otherwise.',
    reference: `
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, n):
        if n % d == 0:
            return False
    return True
`,
    public: ['2', '1', '7', '10', '13'],
    hidden: ['0', '4', '9', '15', '23'],
    correct: [
      ['divisors up to the square root', `
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, int(n ** 0.5) + 1):
        if n % d == 0:
            return False
    return True
`],
      ['a while loop while d * d <= n', `
def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True
`],
    ],
    bugs: [
      ['stops before n // 2, so 4 looks prime', `
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, n // 2):
        if n % d == 0:
            return False
    return True
`],
      ['decides after the first divisor tried', `
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, n):
        if n % d == 0:
            return False
        else:
            return True
    return True
`],
    ],
  },
  {
    id: 'count-digits',
    entry: 'count_digits',
    statement: 'Write count_digits(n) that returns how many decimal digits the non-negative integer n has (0 has one digit).',
    reference: `
def count_digits(n):
    if n == 0:
        return 1
    count = 0
    while n > 0:
        n //= 10
        count += 1
    return count
`,
    public: ['5', '42', '1000', '999', '10'],
    hidden: ['0', '7', '12345', '100', '9'],
    correct: [
      ['the length of its string', `
def count_digits(n):
    return len(str(n))
`],
      ['counts from one while n has more than one digit', `
def count_digits(n):
    count = 1
    while n >= 10:
        n = n // 10
        count += 1
    return count
`],
    ],
    bugs: [
      ['stops one digit early (n > 9)', `
def count_digits(n):
    count = 0
    while n > 9:
        n //= 10
        count += 1
    return count
`],
      ['divides by 2 instead of 10', `
def count_digits(n):
    if n == 0:
        return 1
    count = 0
    while n > 0:
        n //= 2
        count += 1
    return count
`],
    ],
  },
  {
    id: 'reverse-number',
    entry: 'reverse_number',
    statement: 'Write reverse_number(n) that returns the non-negative integer n with its digits in reverse order, as an integer: reverse_number(120) is 21.',
    reference: `
def reverse_number(n):
    result = 0
    while n > 0:
        result = result * 10 + n % 10
        n //= 10
    return result
`,
    public: ['123', '0', '120', '5', '1001'],
    hidden: ['10', '98765', '11', '400', '7'],
    correct: [
      ['reverses its string', `
def reverse_number(n):
    return int(str(n)[::-1])
`],
      ['collects the digits in a string first', `
def reverse_number(n):
    digits = ''
    for d in str(n):
        digits = d + digits
    return int(digits)
`],
    ],
    bugs: [
      ['returns a string, not an integer', `
def reverse_number(n):
    return str(n)[::-1]
`],
      ['adds the digits instead of shifting them', `
def reverse_number(n):
    result = 0
    while n > 0:
        result = result + n % 10
        n //= 10
    return result
`],
    ],
  },
  {
    id: 'to-binary',
    entry: 'to_binary',
    statement: "Write to_binary(n) that returns the binary digits of the non-negative integer n as a string, without a prefix: to_binary(5) is '101' and to_binary(0) is '0'.",
    reference: `
def to_binary(n):
    if n == 0:
        return '0'
    digits = ''
    while n > 0:
        digits = str(n % 2) + digits
        n //= 2
    return digits
`,
    public: ['5', '1', '8', '0', '3'],
    hidden: ['2', '10', '255', '6', '17'],
    correct: [
      ['bin() without its 0b', `
def to_binary(n):
    return bin(n)[2:]
`],
      ["format(n, 'b')", `
def to_binary(n):
    return format(n, 'b')
`],
    ],
    bugs: [
      ['appends each digit, so the string comes out backwards', `
def to_binary(n):
    if n == 0:
        return '0'
    digits = ''
    while n > 0:
        digits += str(n % 2)
        n //= 2
    return digits
`],
      ['keeps the 0b prefix', `
def to_binary(n):
    return bin(n)
`],
    ],
  },
  {
    id: 'char-frequency',
    entry: 'char_frequency',
    statement: 'Write char_frequency(s) that returns a dictionary mapping each character of s to the number of times it occurs.',
    reference: `
def char_frequency(s):
    counts = {}
    for ch in s:
        if ch in counts:
            counts[ch] += 1
        else:
            counts[ch] = 1
    return counts
`,
    public: ["'hello'", "''", "'aaa'", "'abc'", "'abab'"],
    hidden: ["'a'", "'mississippi'", "'aA'", "'  '", "'xyzzy'"],
    correct: [
      ['dict.get() with a default of 0', `
def char_frequency(s):
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    return counts
`],
      ['str.count() for each character', `
def char_frequency(s):
    return {ch: s.count(ch) for ch in s}
`],
    ],
    bugs: [
      ['the default of 1 makes every count one too many', `
def char_frequency(s):
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 1) + 1
    return counts
`],
      ['sets each count to 1 instead of adding 1', `
def char_frequency(s):
    counts = {}
    for ch in s:
        counts[ch] = 1
    return counts
`],
    ],
  },
  {
    id: 'last-index',
    entry: 'last_index',
    statement: 'Write last_index(nums, target) that returns the index of the last item of nums equal to target, or -1 when there is none.',
    reference: `
def last_index(nums, target):
    for i in range(len(nums) - 1, -1, -1):
        if nums[i] == target:
            return i
    return -1
`,
    public: ['[1, 2, 1], 1', '[5, 6], 7', '[], 0', '[3], 3', '[4, 5, 6], 4'],
    hidden: ['[2, 2, 2], 2', '[1, 2, 3, 2], 2', '[0, 1], 1', '[9, 8, 9, 8], 9', '[1], 2'],
    correct: [
      ['a forward loop that remembers the latest match', `
def last_index(nums, target):
    found = -1
    for i, n in enumerate(nums):
        if n == target:
            found = i
    return found
`],
      ['index() in the reversed list', `
def last_index(nums, target):
    if target not in nums:
        return -1
    return len(nums) - 1 - nums[::-1].index(target)
`],
    ],
    bugs: [
      ['returns the first match', `
def last_index(nums, target):
    for i in range(len(nums)):
        if nums[i] == target:
            return i
    return -1
`],
      ['returns the index in the reversed list', `
def last_index(nums, target):
    if target not in nums:
        return -1
    return nums[::-1].index(target)
`],
    ],
  },
  {
    id: 'max-gap',
    entry: 'max_gap',
    statement: 'Write max_gap(nums) that returns the largest absolute difference between two neighbouring items of nums, or 0 when nums has fewer than two items.',
    reference: `
def max_gap(nums):
    best = 0
    for i in range(1, len(nums)):
        gap = abs(nums[i] - nums[i - 1])
        if gap > best:
            best = gap
    return best
`,
    public: ['[1, 5, 2]', '[]', '[3]', '[1, 2, 3]', '[10, 0]'],
    hidden: ['[5, 1]', '[0, 0, 0]', '[1, 10, 2, 3]', '[-5, 5]', '[2, 4, 1]'],
    correct: [
      ['max() over zipped neighbours', `
def max_gap(nums):
    return max((abs(a - b) for a, b in zip(nums, nums[1:])), default=0)
`],
      ['a loop over zipped pairs', `
def max_gap(nums):
    best = 0
    for a, b in zip(nums, nums[1:]):
        best = max(best, abs(b - a))
    return best
`],
    ],
    bugs: [
      ['forgets abs(), so falling steps are missed', `
def max_gap(nums):
    best = 0
    for i in range(1, len(nums)):
        gap = nums[i] - nums[i - 1]
        if gap > best:
            best = gap
    return best
`],
      ['measures from the first item instead of the previous one', `
def max_gap(nums):
    best = 0
    for i in range(1, len(nums)):
        gap = abs(nums[i] - nums[0])
        if gap > best:
            best = gap
    return best
`],
    ],
  },
  {
    id: 'intersect',
    entry: 'intersect',
    statement: 'Write intersect(a, b) that returns the items of list a that also occur in list b, in the order of a and each only once.',
    reference: `
def intersect(a, b):
    result = []
    for x in a:
        if x in b and x not in result:
            result.append(x)
    return result
`,
    public: ['[1, 2, 3], [2, 3, 4]', '[], [1]', '[1, 1, 2], [1]', '[5, 6], [7]', '[3, 2, 1], [1, 2, 3]'],
    hidden: ['[4, 4, 4], [4]', '[1, 2], []', '[2, 1, 2, 1], [1, 2]', '[0], [0]', '[9, 8, 7], [7, 9]'],
    correct: [
      ['a set of what was already taken', `
def intersect(a, b):
    taken = set()
    result = []
    for x in a:
        if x in b and x not in taken:
            taken.add(x)
            result.append(x)
    return result
`],
      ['a comprehension that skips repeats of earlier items', `
def intersect(a, b):
    return [x for i, x in enumerate(a) if x in b and x not in a[:i]]
`],
    ],
    bugs: [
      ['keeps repeats', `
def intersect(a, b):
    result = []
    for x in a:
        if x in b:
            result.append(x)
    return result
`],
      ['a set intersection loses the order', `
def intersect(a, b):
    return list(set(a) & set(b))
`],
    ],
  },
  {
    id: 'move-zeros',
    entry: 'move_zeros',
    statement: 'Write move_zeros(nums) that returns a new list with the same items as nums, every 0 moved to the end and the other items kept in their order.',
    reference: `
def move_zeros(nums):
    result = []
    zeros = 0
    for n in nums:
        if n == 0:
            zeros += 1
        else:
            result.append(n)
    return result + [0] * zeros
`,
    public: ['[0, 1, 0, 2]', '[]', '[1, 2]', '[0, 0]', '[3, 0, 4]'],
    hidden: ['[0]', '[5, 0, 0, 6]', '[0, 7]', '[1, 0, 1, 0]', '[9]'],
    correct: [
      ['two comprehensions', `
def move_zeros(nums):
    return [n for n in nums if n != 0] + [n for n in nums if n == 0]
`],
      ['a stable sort on "is it zero"', `
def move_zeros(nums):
    return sorted(nums, key=lambda n: n == 0)
`],
    ],
    bugs: [
      ['sorts the list from largest to smallest', `
def move_zeros(nums):
    return sorted(nums, reverse=True)
`],
      ['puts the zeros at the front', `
def move_zeros(nums):
    result = []
    zeros = 0
    for n in nums:
        if n == 0:
            zeros += 1
        else:
            result.append(n)
    return [0] * zeros + result
`],
    ],
  },
  {
    id: 'count-pairs',
    entry: 'count_pairs',
    statement: 'Write count_pairs(nums, target) that returns how many pairs of positions i < j have nums[i] + nums[j] == target.',
    reference: `
def count_pairs(nums, target):
    count = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                count += 1
    return count
`,
    public: ['[1, 2, 3, 4], 5', '[], 3', '[1, 1, 1], 2', '[5], 10', '[2, 3], 5'],
    hidden: ['[0, 0], 0', '[1, 4, 2, 3], 5', '[3, 3, 3], 6', '[-1, 1, 0], 0', '[6, 1, 2], 7'],
    correct: [
      ['itertools.combinations', `
def count_pairs(nums, target):
    from itertools import combinations
    return sum(1 for a, b in combinations(nums, 2) if a + b == target)
`],
      ['enumerate() and the rest of the list', `
def count_pairs(nums, target):
    count = 0
    for i, a in enumerate(nums):
        for b in nums[i + 1:]:
            if a + b == target:
                count += 1
    return count
`],
    ],
    bugs: [
      ['the inner loop starts at 0, so each pair counts twice and items pair with themselves', `
def count_pairs(nums, target):
    count = 0
    for i in range(len(nums)):
        for j in range(len(nums)):
            if nums[i] + nums[j] == target:
                count += 1
    return count
`],
    ],
  },
  {
    id: 'sign',
    entry: 'sign',
    statement: 'Write sign(x) that returns 1 when the number x is positive, -1 when it is negative and 0 when it is zero.',
    reference: `
def sign(x):
    if x > 0:
        return 1
    if x < 0:
        return -1
    return 0
`,
    public: ['5', '-3', '0', '1', '-1'],
    hidden: ['100', '-100', '2', '-7', '42'],
    correct: [
      ['subtracts two booleans', `
def sign(x):
    return (x > 0) - (x < 0)
`],
      ['an if/elif/else chain starting from zero', `
def sign(x):
    if x == 0:
        return 0
    elif x < 0:
        return -1
    else:
        return 1
`],
    ],
    bugs: [
      ['forgets zero', `
def sign(x):
    return -1 if x < 0 else 1
`],
      ['returns x itself for negatives', `
def sign(x):
    if x > 0:
        return 1
    if x < 0:
        return x
    return 0
`],
    ],
  },
  {
    id: 'grade',
    entry: 'grade',
    statement: "Write grade(score) that returns 'A' for a score of 90 or more, 'B' for 80 to 89, 'C' for 70 to 79 and 'F' below 70.",
    reference: `
def grade(score):
    if score >= 90:
        return 'A'
    if score >= 80:
        return 'B'
    if score >= 70:
        return 'C'
    return 'F'
`,
    public: ['95', '85', '75', '50', '100'],
    hidden: ['90', '80', '70', '69', '0'],
    correct: [
      ['a table of limits', `
def grade(score):
    for limit, letter in [(90, 'A'), (80, 'B'), (70, 'C')]:
        if score >= limit:
            return letter
    return 'F'
`],
      ['checks from the bottom up', `
def grade(score):
    if score < 70:
        return 'F'
    elif score < 80:
        return 'C'
    elif score < 90:
        return 'B'
    return 'A'
`],
    ],
    bugs: [
      ['checks the lowest limit first, so every pass is a C', `
def grade(score):
    if score >= 70:
        return 'C'
    if score >= 80:
        return 'B'
    if score >= 90:
        return 'A'
    return 'F'
`],
    ],
  },
  {
    id: 'index-of-max',
    entry: 'index_of_max',
    statement: 'Write index_of_max(nums) that returns the index of the largest item of nums (the first one when it occurs several times), or -1 for an empty list.',
    reference: `
def index_of_max(nums):
    if not nums:
        return -1
    best = 0
    for i in range(1, len(nums)):
        if nums[i] > nums[best]:
            best = i
    return best
`,
    public: ['[3, 9, 2]', '[]', '[5]', '[1, 2, 3]', '[7, 1]'],
    hidden: ['[4, 4]', '[-1, -5]', '[0, 2, 2, 1]', '[1, 3, 2, 3]', '[-3, -2, -1]'],
    correct: [
      ['list.index() of max()', `
def index_of_max(nums):
    if not nums:
        return -1
    return nums.index(max(nums))
`],
      ['enumerate() keeping the best value too', `
def index_of_max(nums):
    best_i, best = -1, None
    for i, n in enumerate(nums):
        if best is None or n > best:
            best_i, best = i, n
    return best_i
`],
    ],
    bugs: [
      ['returns the largest value, not its index', `
def index_of_max(nums):
    if not nums:
        return -1
    best = nums[0]
    for n in nums:
        if n > best:
            best = n
    return best
`],
    ],
  },
  {
    id: 'collapse-spaces',
    entry: 'collapse_spaces',
    statement: 'Write collapse_spaces(s) that returns s with every run of several spaces replaced by a single space. Single spaces, including ones at either end, stay.',
    reference: `
def collapse_spaces(s):
    out = ''
    for ch in s:
        if ch == ' ' and out.endswith(' '):
            continue
        out += ch
    return out
`,
    public: ["'a  b'", "'hello'", "''", "'x   y  z'", "'a b'"],
    hidden: ["'  lead'", "'trail  '", "'   '", "'a    b'", "'no change'"],
    correct: [
      ['replaces double spaces until there are none', `
def collapse_spaces(s):
    while '  ' in s:
        s = s.replace('  ', ' ')
    return s
`],
      ['remembers the previous character', `
def collapse_spaces(s):
    out = []
    prev = ''
    for ch in s:
        if not (ch == ' ' and prev == ' '):
            out.append(ch)
        prev = ch
    return ''.join(out)
`],
    ],
    bugs: [
      ['split() and join also drop the spaces at the ends', `
def collapse_spaces(s):
    return ' '.join(s.split())
`],
      ['one replace() pass leaves runs of three or more', `
def collapse_spaces(s):
    return s.replace('  ', ' ')
`],
    ],
  },
  {
    id: 'average',
    entry: 'average',
    statement: 'Write average(nums) that returns the average of the integers in nums rounded down to an integer (with //), or 0 for an empty list.',
    reference: `
def average(nums):
    if not nums:
        return 0
    total = 0
    for n in nums:
        total += n
    return total // len(nums)
`,
    public: ['[1, 2, 3]', '[]', '[10]', '[4, 4, 4, 4]', '[0, 6]'],
    hidden: ['[1, 2]', '[5, 6, 7, 9]', '[-2, 2]', '[3, 3, 4]', '[100, 0, 0]'],
    correct: [
      ['sum() and len()', `
def average(nums):
    return sum(nums) // len(nums) if nums else 0
`],
      ['counts the items itself', `
def average(nums):
    total = 0
    count = 0
    for n in nums:
        total += n
        count += 1
    if count == 0:
        return 0
    return total // count
`],
    ],
    bugs: [
      ['true division: a float wherever the average is not whole', `
def average(nums):
    if not nums:
        return 0
    return sum(nums) / len(nums)
`],
      ['divides by one less than the length', `
def average(nums):
    if len(nums) < 2:
        return sum(nums)
    return sum(nums) // (len(nums) - 1)
`],
    ],
  },
];

export const TASK_SOURCES: readonly TaskSource[] = ENTRIES.map((e) => ({
  id: e.id,
  statement: e.statement,
  entry: e.entry,
  reference: e.reference,
  public: e.public,
  hidden: e.hidden,
  correct: e.correct.map(([note, code]) => ({ code, note })),
  bugs: e.bugs.map(([note, code]) => ({ code, note })),
}));
