package org.kedrec.core.lm;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;

/**
 * A byte-level BPE tokenizer in pure Java: trains on a corpus, encodes and decodes, and reads and writes the
 * Hugging Face {@code tokenizer.json} format, so {@code tokenizers} (Rust/Python/DJL) give the same ids.
 *
 * <p>Text is first cut at whole special tokens (control tokens and slots, matched longest first as Hugging Face's
 * added vocabulary does), then pre-tokenized by {@link #STUDENT_PATTERN} into words, numbers, punctuation runs and
 * whitespace, where a CURIE such as {@code NCT:NCT01234567} stays one piece so merges never straddle an id, then
 * each piece is mapped byte by byte to GPT-2's printable alphabet and merged by rank. Every byte is in the
 * vocabulary, so any text encodes and {@code decode(encode(s)) == s}.
 *
 * <p>Serving uses this class rather than the native Hugging Face library, so no extra natives load into Neo4j.
 * Immutable and thread-safe.
 */
public final class BpeTokenizer {
    /**
     * The student's pre-tokenizer: optional space + CURIE, optional space + letters, optional space + digits,
     * optional space + other symbols, whitespace. Whitespace is spelled out instead of {@code \s} so Java and
     * Oniguruma (Hugging Face) agree on which characters count.
     */
    public static final String STUDENT_PATTERN =
            " ?[A-Za-z][A-Za-z0-9]*:[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?"
                    + "| ?\\p{L}+| ?\\p{N}+| ?[^ \\t\\n\\r\\f\\p{L}\\p{N}]+"
                    + "|[ \\t\\n\\r\\f]+(?![^ \\t\\n\\r\\f])|[ \\t\\n\\r\\f]+";
    /** GPT-2's pattern, used by Hugging Face's ByteLevel pre-tokenizer when {@code use_regex} is true. */
    public static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final Map<Character, Integer> CHAR_TO_BYTE = new HashMap<>();
    private static final int CACHE_LIMIT = 200_000;

    static {
        // GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest to 256 + n.
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + n++);
            CHAR_TO_BYTE.put(BYTE_TO_CHAR[b], b);
        }
    }

    private final List<String> specials;
    private final String[] idToToken;
    private final Map<String, Integer> tokenToId;
    private final Map<Long, Integer> mergeRank;
    private final Map<Long, Integer> mergeResult;
    private final int[] byteIds;
    private final String pattern;
    private final Pattern preTokenizer;
    private final Pattern specialPattern;
    private final byte[][] tokenBytes;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private BpeTokenizer(List<String> specials, String[] idToToken, List<String[]> merges, String pattern) {
        this.specials = List.copyOf(specials);
        this.idToToken = idToToken.clone();
        this.tokenToId = new HashMap<>();
        for (int i = 0; i < idToToken.length; i++) {
            if (idToToken[i] == null) {
                throw new IllegalArgumentException(Messages.format("The tokenizer has no token with id %d.", i));
            }
            tokenToId.put(idToToken[i], i);
        }
        this.byteIds = new int[256];
        for (int b = 0; b < 256; b++) {
            Integer id = tokenToId.get(String.valueOf(BYTE_TO_CHAR[b]));
            if (id == null) {
                throw new IllegalArgumentException(Messages.format(
                        "The tokenizer's vocabulary lacks the byte token for 0x%02X; only complete byte-level BPE "
                                + "vocabularies are supported.", b));
            }
            byteIds[b] = id;
        }
        this.mergeRank = new HashMap<>();
        this.mergeResult = new HashMap<>();
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] pair = merges.get(rank);
            Integer left = tokenToId.get(pair[0]);
            Integer right = tokenToId.get(pair[1]);
            Integer merged = tokenToId.get(pair[0] + pair[1]);
            if (left == null || right == null || merged == null) {
                throw new IllegalArgumentException(Messages.format(
                        "Merge %d (%s %s) names a token missing from the vocabulary.", rank, pair[0], pair[1]));
            }
            mergeRank.putIfAbsent(key(left, right), rank);
            mergeResult.putIfAbsent(key(left, right), merged);
        }
        this.pattern = pattern;
        this.preTokenizer = Pattern.compile(pattern);
        List<String> bySize = new ArrayList<>(specials);
        bySize.sort(Comparator.comparingInt(String::length).reversed());
        this.specialPattern = bySize.isEmpty() ? null
                : Pattern.compile(String.join("|", bySize.stream().map(Pattern::quote).toList()));
        this.tokenBytes = new byte[idToToken.length][];
        Set<String> specialSet = new HashSet<>(specials);
        for (int i = 0; i < idToToken.length; i++) {
            tokenBytes[i] = specialSet.contains(idToToken[i])
                    ? idToToken[i].getBytes(StandardCharsets.UTF_8)
                    : toBytes(idToToken[i]);
        }
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    private static byte[] toBytes(String byteLevelToken) {
        byte[] out = new byte[byteLevelToken.length()];
        for (int i = 0; i < out.length; i++) {
            Integer b = CHAR_TO_BYTE.get(byteLevelToken.charAt(i));
            if (b == null) {
                // A token outside the byte alphabet (an added token of a foreign tokenizer): keep its UTF-8.
                return byteLevelToken.getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) (int) b;
        }
        return out;
    }

    // ---------------------------------------------------------------- training

    /**
     * Trains a byte-level BPE vocabulary of {@code vocabSize} tokens (specials + 256 bytes + merges) on
     * {@code corpus}. Deterministic: ties between equally frequent pairs go to the pair whose tokens sort first.
     */
    public static BpeTokenizer train(Iterable<String> corpus, int vocabSize, List<String> specials) {
        int base = specials.size() + 256;
        if (vocabSize < base) {
            throw new IllegalArgumentException(Messages.format(
                    "The vocabulary size must be at least %d (special tokens + 256 bytes) but was %d.", base,
                    vocabSize));
        }
        Pattern pre = Pattern.compile(STUDENT_PATTERN);
        List<String> bySize = new ArrayList<>(specials);
        bySize.sort(Comparator.comparingInt(String::length).reversed());
        Pattern special = bySize.isEmpty() ? null
                : Pattern.compile(String.join("|", bySize.stream().map(Pattern::quote).toList()));
        Map<String, Integer> wordCounts = new HashMap<>();
        for (String text : corpus) {
            for (String segment : splitSpecials(text, special)) {
                for (String piece : preTokenize(segment, pre)) {
                    wordCounts.merge(piece, 1, Integer::sum);
                }
            }
        }
        List<String> tokens = new ArrayList<>(specials);
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(BYTE_TO_CHAR[b]));
        }
        int nWords = wordCounts.size();
        int[][] words = new int[nWords][];
        long[] counts = new long[nWords];
        int w = 0;
        List<String> sortedWords = new ArrayList<>(wordCounts.keySet());
        sortedWords.sort(null);
        for (String word : sortedWords) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            int[] symbols = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[i] = specials.size() + (bytes[i] & 0xff);
            }
            words[w] = symbols;
            counts[w] = wordCounts.get(word);
            w++;
        }
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> pairWords = new HashMap<>();
        for (int i = 0; i < nWords; i++) {
            addPairs(words[i], counts[i], i, pairCounts, pairWords, 1);
        }
        Comparator<long[]> order = (a, b) -> {
            if (a[1] != b[1]) {
                return Long.compare(b[1], a[1]);
            }
            int byLeft = tokens.get((int) (a[0] >>> 32)).compareTo(tokens.get((int) (b[0] >>> 32)));
            return byLeft != 0 ? byLeft
                    : tokens.get((int) a[0]).compareTo(tokens.get((int) b[0]));
        };
        PriorityQueue<long[]> queue = new PriorityQueue<>(order);
        pairCounts.forEach((pair, count) -> queue.add(new long[] {pair, count}));
        List<String[]> merges = new ArrayList<>();
        Set<String> known = new HashSet<>(tokens);
        while (tokens.size() < vocabSize && !queue.isEmpty()) {
            long[] top = queue.poll();
            Long current = pairCounts.get(top[0]);
            if (current == null || current != top[1]) {
                continue; // stale entry; the live count was queued when it changed
            }
            if (current < 2) {
                break;
            }
            int left = (int) (top[0] >>> 32);
            int right = (int) top[0];
            String mergedToken = tokens.get(left) + tokens.get(right);
            if (!known.add(mergedToken)) {
                pairCounts.remove(top[0]);
                continue;
            }
            int merged = tokens.size();
            tokens.add(mergedToken);
            merges.add(new String[] {tokens.get(left), tokens.get(right)});
            Set<Long> touched = new HashSet<>();
            for (int wi : new ArrayList<>(pairWords.getOrDefault(top[0], Set.of()))) {
                int[] before = words[wi];
                addPairs(before, counts[wi], wi, pairCounts, pairWords, -1, touched);
                words[wi] = applyMerge(before, left, right, merged);
                addPairs(words[wi], counts[wi], wi, pairCounts, pairWords, 1, touched);
            }
            for (long pair : touched) {
                Long count = pairCounts.get(pair);
                if (count != null && count > 0) {
                    queue.add(new long[] {pair, count});
                }
            }
        }
        String[] idToToken = new String[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            idToToken[i] = tokens.get(i);
        }
        return new BpeTokenizer(specials, idToToken, merges, STUDENT_PATTERN);
    }

    private static void addPairs(int[] symbols, long count, int word, Map<Long, Long> pairCounts,
                                 Map<Long, Set<Integer>> pairWords, int sign) {
        addPairs(symbols, count, word, pairCounts, pairWords, sign, null);
    }

    private static void addPairs(int[] symbols, long count, int word, Map<Long, Long> pairCounts,
                                 Map<Long, Set<Integer>> pairWords, int sign, Set<Long> touched) {
        for (int i = 0; i + 1 < symbols.length; i++) {
            long pair = key(symbols[i], symbols[i + 1]);
            long updated = pairCounts.getOrDefault(pair, 0L) + sign * count;
            if (updated <= 0) {
                pairCounts.remove(pair);
            } else {
                pairCounts.put(pair, updated);
            }
            if (sign > 0) {
                pairWords.computeIfAbsent(pair, k -> new HashSet<>()).add(word);
            }
            if (touched != null) {
                touched.add(pair);
            }
        }
    }

    private static int[] applyMerge(int[] symbols, int left, int right, int merged) {
        int[] out = new int[symbols.length];
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = symbols[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes {@code text} to token ids; special tokens written in the text become their single ids. */
    public int[] encode(String text) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (Object segment : segments(text, specialPattern, tokenToId)) {
            if (segment instanceof Integer id) {
                parts.add(new int[] {id});
                total++;
                continue;
            }
            for (String piece : preTokenize((String) segment, preTokenizer)) {
                int[] ids = encodePiece(piece);
                parts.add(ids);
                total += ids.length;
            }
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** The plain-text pieces of {@code text} between special tokens (which are dropped). */
    private static List<String> splitSpecials(String text, Pattern special) {
        List<String> out = new ArrayList<>();
        for (Object segment : segments(text, special, null)) {
            if (segment instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Cuts {@code text} at special tokens: plain segments as strings, special tokens as their ids (if known). */
    private static List<Object> segments(String text, Pattern special, Map<String, Integer> ids) {
        List<Object> out = new ArrayList<>();
        if (special == null) {
            out.add(text);
            return out;
        }
        Matcher m = special.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(text.substring(at, m.start()));
            }
            if (ids != null) {
                out.add(ids.get(m.group()));
            }
            at = m.end();
        }
        if (at < text.length()) {
            out.add(text.substring(at));
        }
        return out;
    }

    private static List<String> preTokenize(String text, Pattern pre) {
        List<String> out = new ArrayList<>();
        Matcher m = pre.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(text.substring(at, m.start()));
            }
            if (m.end() > m.start()) {
                out.add(m.group());
            }
            at = m.end();
        }
        if (at < text.length()) {
            out.add(text.substring(at));
        }
        return out;
    }

    private int[] encodePiece(String piece) {
        int[] cached = cache.get(piece);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        int[] symbols = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = byteIds[bytes[i] & 0xff];
        }
        int n = symbols.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            long bestPair = 0;
            for (int i = 0; i + 1 < n; i++) {
                Integer rank = mergeRank.get(key(symbols[i], symbols[i + 1]));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestPair = key(symbols[i], symbols[i + 1]);
                }
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            int left = (int) (bestPair >>> 32);
            int right = (int) bestPair;
            int merged = mergeResult.get(bestPair);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && symbols[i] == left && symbols[i + 1] == right) {
                    symbols[m++] = merged;
                    i++;
                } else {
                    symbols[m++] = symbols[i];
                }
            }
            n = m;
        }
        int[] out = Arrays.copyOf(symbols, n);
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(piece, out);
        return out;
    }

    /** Decodes ids to text; special tokens are written as their text ({@code [C1]}, {@code <eos>}). */
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            byte[] bytes = tokenBytes(id);
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes token {@code id} stands for (a piece of a character for some byte tokens). */
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= tokenBytes.length) {
            throw new IllegalArgumentException(Messages.format(
                    "Token id %d is outside the vocabulary of %d tokens.", id, tokenBytes.length));
        }
        return tokenBytes[id];
    }

    /** The token's string in the vocabulary (GPT-2's byte alphabet, e.g. {@code Ġbinds}). */
    public String token(int id) {
        return idToToken[id];
    }

    /** The id of a token string of the vocabulary, or -1. */
    public int id(String token) {
        return tokenToId.getOrDefault(token, -1);
    }

    public int vocabSize() {
        return idToToken.length;
    }

    public List<String> specialTokens() {
        return specials;
    }

    public String pattern() {
        return pattern;
    }

    // ---------------------------------------------------------------- tokenizer.json

    /** Writes a Hugging Face {@code tokenizer.json} (BPE model, Split + ByteLevel pre-tokenizer, ByteLevel decoder). */
    public void save(Path file) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        JsonArray added = new JsonArray();
        for (String special : specials) {
            JsonObject token = new JsonObject();
            token.addProperty("id", tokenToId.get(special));
            token.addProperty("content", special);
            token.addProperty("single_word", false);
            token.addProperty("lstrip", false);
            token.addProperty("rstrip", false);
            token.addProperty("normalized", false);
            token.addProperty("special", true);
            added.add(token);
        }
        root.add("added_tokens", added);
        root.add("normalizer", null);
        JsonObject split = new JsonObject();
        split.addProperty("type", "Split");
        JsonObject regex = new JsonObject();
        regex.addProperty("Regex", pattern);
        split.add("pattern", regex);
        split.addProperty("behavior", "Isolated");
        split.addProperty("invert", false);
        JsonObject byteLevel = byteLevel();
        JsonArray sequence = new JsonArray();
        sequence.add(split);
        sequence.add(byteLevel);
        JsonObject pre = new JsonObject();
        pre.addProperty("type", "Sequence");
        pre.add("pretokenizers", sequence);
        root.add("pre_tokenizer", pre);
        root.add("post_processor", null);
        root.add("decoder", byteLevel());
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", null);
        model.add("unk_token", null);
        model.add("continuing_subword_prefix", null);
        model.add("end_of_word_suffix", null);
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.addProperty("ignore_merges", false);
        JsonObject vocab = new JsonObject();
        for (int i = 0; i < idToToken.length; i++) {
            vocab.addProperty(idToToken[i], i);
        }
        model.add("vocab", vocab);
        JsonArray merges = new JsonArray();
        List<Map.Entry<Long, Integer>> ranked = new ArrayList<>(mergeRank.entrySet());
        ranked.sort(Map.Entry.comparingByValue());
        for (Map.Entry<Long, Integer> merge : ranked) {
            merges.add(idToToken[(int) (merge.getKey() >>> 32)] + " " + idToToken[(int) (long) merge.getKey()]);
        }
        model.add("merges", merges);
        root.add("model", model);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, GSON.toJson(root), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static JsonObject byteLevel() {
        JsonObject byteLevel = new JsonObject();
        byteLevel.addProperty("type", "ByteLevel");
        byteLevel.addProperty("add_prefix_space", false);
        byteLevel.addProperty("trim_offsets", true);
        byteLevel.addProperty("use_regex", false);
        return byteLevel;
    }

    /**
     * Reads a byte-level BPE {@code tokenizer.json}: ours, or a GPT-2-family one (ByteLevel pre-tokenizer with
     * GPT-2's pattern). Other tokenizer types are refused with a message that says what is supported.
     */
    public static BpeTokenizer load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Messages.format(
                    "No tokenizer at %s. A model directory needs the tokenizer.json it was trained with.", file));
        }
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Messages.format("%s is not a JSON tokenizer file (%s).", file,
                    e.getMessage()), e);
        }
        JsonObject model = root.getAsJsonObject("model");
        if (model == null || !"BPE".equals(string(model, "type"))) {
            throw new IllegalArgumentException(Messages.format(
                    "%s holds a %s tokenizer; only byte-level BPE tokenizers (GPT-2 family, or the student's) are "
                            + "supported.", file, model == null ? "model-less" : string(model, "type")));
        }
        String pattern = patternOf(root.get("pre_tokenizer"), file);
        JsonObject vocab = model.getAsJsonObject("vocab");
        Map<Integer, String> byId = new LinkedHashMap<>();
        vocab.entrySet().forEach(e -> byId.put(e.getValue().getAsInt(), e.getKey()));
        List<String> specials = new ArrayList<>();
        JsonArray added = root.has("added_tokens") && root.get("added_tokens").isJsonArray()
                ? root.getAsJsonArray("added_tokens") : new JsonArray();
        for (JsonElement element : added) {
            JsonObject token = element.getAsJsonObject();
            byId.put(token.get("id").getAsInt(), token.get("content").getAsString());
            specials.add(token.get("content").getAsString());
        }
        int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] idToToken = new String[size];
        byId.forEach((id, token) -> idToToken[id] = token);
        List<String[]> merges = new ArrayList<>();
        for (JsonElement merge : model.getAsJsonArray("merges")) {
            if (merge.isJsonArray()) {
                merges.add(new String[] {merge.getAsJsonArray().get(0).getAsString(),
                    merge.getAsJsonArray().get(1).getAsString()});
            } else {
                String text = merge.getAsString();
                int space = text.indexOf(' ', 1);
                merges.add(new String[] {text.substring(0, space), text.substring(space + 1)});
            }
        }
        return new BpeTokenizer(specials, idToToken, merges, pattern);
    }

    private static String patternOf(JsonElement pre, Path file) {
        if (pre == null || pre.isJsonNull()) {
            throw new IllegalArgumentException(Messages.format(
                    "%s has no pre-tokenizer; only byte-level BPE tokenizers are supported.", file));
        }
        JsonObject object = pre.getAsJsonObject();
        String type = string(object, "type");
        if ("ByteLevel".equals(type)) {
            if (object.has("add_prefix_space") && object.get("add_prefix_space").getAsBoolean()) {
                throw new IllegalArgumentException(Messages.format(
                        "%s adds a prefix space; export the tokenizer with add_prefix_space=false.", file));
            }
            return GPT2_PATTERN;
        }
        if ("Sequence".equals(type)) {
            JsonArray items = object.getAsJsonArray("pretokenizers");
            if (items.size() == 2 && "Split".equals(string(items.get(0).getAsJsonObject(), "type"))
                    && "ByteLevel".equals(string(items.get(1).getAsJsonObject(), "type"))) {
                return items.get(0).getAsJsonObject().getAsJsonObject("pattern").get("Regex").getAsString();
            }
        }
        throw new IllegalArgumentException(Messages.format(
                "%s uses a %s pre-tokenizer; only ByteLevel or Split+ByteLevel are supported.", file, type));
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
