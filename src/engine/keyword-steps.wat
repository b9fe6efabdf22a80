;; The keyword automaton's inner loop (engine/prefilter.ts), as WebAssembly: one step per byte of
;; text, twice the speed of the same loop in JavaScript. scripts/wasm.mjs assembles this file into
;; keyword-steps-module.ts; a unit test checks that the two agree.
;;
;; Memory, laid out by wasm-steps.ts:
;;   [0, 8)     where the last call stopped (offset in the text) and the state there
;;   transitions one i32 per (state, character class): the next state's byte address, bit 0 set
;;              when some keyword ends in it (addresses are multiples of 4, so the bit is free)
;;   classes    one u16 per byte value: its character class, times 4
;;   hits       `cap` pairs of i32: (offset just after a keyword's end, state there)
;;   text       the text, one byte per UTF-16 code unit
(module
  (memory (export "memory") 1)
  ;; Steps through text[from, to) from `state`; returns how many hits it stored. It stops early
  ;; once `cap` hits are stored: the caller reads where and in which state, and calls again.
  (func (export "steps")
    (param $from i32) (param $to i32) (param $state i32) (param $text i32)
    (param $classes i32) (param $hits i32) (param $cap i32) (result i32)
    (local $i i32) (local $next i32) (local $count i32) (local $slot i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $next
          (i32.load
            (i32.add (local.get $state)
              (i32.load16_u
                (i32.add (local.get $classes)
                  (i32.shl (i32.load8_u (i32.add (local.get $text) (local.get $i))) (i32.const 1)))))))
        (local.set $state (i32.and (local.get $next) (i32.const -4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.and (local.get $next) (i32.const 1))
          (then
            (local.set $slot (i32.add (local.get $hits) (i32.shl (local.get $count) (i32.const 3))))
            (i32.store (local.get $slot) (local.get $i))
            (i32.store offset=4 (local.get $slot) (local.get $state))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (br_if $done (i32.ge_u (local.get $count) (local.get $cap)))))
        (br $step)))
    (i32.store (i32.const 0) (local.get $i))
    (i32.store (i32.const 4) (local.get $state))
    (local.get $count)))
