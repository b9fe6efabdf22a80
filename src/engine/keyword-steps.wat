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
;;
;; `any` answers only whether some keyword occurs, and steps four stretches of the text at once:
;; each stretch's step waits on the one before it (the next state is a load from the state), so
;; one automaton keeps a core waiting, and four independent ones keep it busy.
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
    (local.get $count))
  ;; Whether a keyword ends anywhere in text[0, n), read as four stretches starting at 0, q, 2q and
  ;; 3q, each `span` bytes long (q plus the longest keyword less one, so that a keyword starting in
  ;; one stretch ends in it). Each stretch starts from the first state: it finds every keyword that
  ;; starts in it. The memory past n must hold zero bytes up to 3q + span: no keyword holds one.
  (func (export "any")
    (param $text i32) (param $classes i32) (param $q i32) (param $span i32) (param $root i32) (result i32)
    (local $j i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local.set $s0 (local.get $root))
    (local.set $s1 (local.get $root))
    (local.set $s2 (local.get $root))
    (local.set $s3 (local.get $root))
    (local.set $p1 (i32.add (local.get $text) (local.get $q)))
    (local.set $p2 (i32.add (local.get $p1) (local.get $q)))
    (local.set $p3 (i32.add (local.get $p2) (local.get $q)))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $j) (local.get $span)))
        (local.set $n0 (i32.load (i32.add (local.get $s0) (i32.load16_u (i32.add (local.get $classes)
          (i32.shl (i32.load8_u (i32.add (local.get $text) (local.get $j))) (i32.const 1)))))))
        (local.set $n1 (i32.load (i32.add (local.get $s1) (i32.load16_u (i32.add (local.get $classes)
          (i32.shl (i32.load8_u (i32.add (local.get $p1) (local.get $j))) (i32.const 1)))))))
        (local.set $n2 (i32.load (i32.add (local.get $s2) (i32.load16_u (i32.add (local.get $classes)
          (i32.shl (i32.load8_u (i32.add (local.get $p2) (local.get $j))) (i32.const 1)))))))
        (local.set $n3 (i32.load (i32.add (local.get $s3) (i32.load16_u (i32.add (local.get $classes)
          (i32.shl (i32.load8_u (i32.add (local.get $p3) (local.get $j))) (i32.const 1)))))))
        (if (i32.and (i32.or (i32.or (local.get $n0) (local.get $n1)) (i32.or (local.get $n2) (local.get $n3))) (i32.const 1))
          (then (return (i32.const 1))))
        (local.set $s0 (i32.and (local.get $n0) (i32.const -4)))
        (local.set $s1 (i32.and (local.get $n1) (i32.const -4)))
        (local.set $s2 (i32.and (local.get $n2) (i32.const -4)))
        (local.set $s3 (i32.and (local.get $n3) (i32.const -4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $step)))
    (i32.const 0)))
