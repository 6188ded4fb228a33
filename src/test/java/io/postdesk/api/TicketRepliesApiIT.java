package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ticket's thread: {@code GET /messages} and {@code POST /replies} as JSON and as multipart with files. */
class TicketRepliesApiIT extends IntegrationTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @Test
    void repliesWithJsonAndSkipsEmailWithoutSmtp() {
        long id = ticketWithContact();

        var reply = admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"  We are on it. \"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat((Boolean) reply.json("$.emailSkipped")).isTrue();
        assertThat(reply.string("$.message.body")).isEqualTo("We are on it.");
        assertThat(reply.string("$.message.visibleText")).isEqualTo("We are on it.");
        assertThat(reply.string("$.message.direction")).isEqualTo("outbound");
        assertThat((Boolean) reply.json("$.message.internal")).isFalse();
        assertThat(reply.string("$.message.authorEmail")).isEqualTo(ADMIN_EMAIL);
        assertThat((List<?>) reply.json("$.message.attachments")).isEmpty();
        assertThat((Object) reply.json("$.message.emailMessageId")).isNull();
        assertThat(reply.string("$.message.createdAt")).isNotBlank();
    }

    @Test
    void listsMessagesOldestFirstWithInternalFlag() {
        long id = ticketWithContact();
        long first = reply(id, "{\"body\": \"first\"}");
        long note = reply(id, "{\"body\": \"team only\", \"internal\": true}");
        long third = reply(id, "{\"body\": \"third\", \"internal\": false}");

        var messages = admin().get("/api/v1/tickets/" + id + "/messages");

        assertThat(messages.status()).isEqualTo(200);
        assertThat(((List<Number>) messages.json("$[*].id"))
                        .stream().map(Number::longValue).toList())
                .containsExactly(first, note, third);
        assertThat((List<String>) messages.json("$[*].body")).containsExactly("first", "team only", "third");
        assertThat((List<Boolean>) messages.json("$[*].internal")).containsExactly(false, true, false);
        assertThat((List<String>) messages.json("$[*].direction")).containsExactly("outbound", "outbound", "outbound");
        assertThat((Map<String, Object>) messages.json("$[0]"))
                .containsKeys(
                        "id",
                        "direction",
                        "internal",
                        "authorEmail",
                        "body",
                        "visibleText",
                        "attachments",
                        "emailMessageId",
                        "createdAt");
    }

    @Test
    void answersEmptyThreadForNewTicket() {
        long id = ticketWithContact();

        var messages = admin().get("/api/v1/tickets/" + id + "/messages");

        assertThat(messages.status()).isEqualTo(200);
        assertThat((List<?>) messages.json("$")).isEmpty();
    }

    @Test
    void internalNoteIsNeverEmailed() {
        long id = ticketWithContact();

        var note = admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"note\", \"internal\": true}");

        assertThat(note.status()).isEqualTo(201);
        assertThat((Boolean) note.json("$.message.internal")).isTrue();
        assertThat((Boolean) note.json("$.emailSkipped")).isTrue();
    }

    @Test
    void rejectsEmptyOrMissingReplyBody() {
        long id = ticketWithContact();

        assertBadField(admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"  \"}"), "body");
        assertBadField(admin().post("/api/v1/tickets/" + id + "/replies", "{}"), "body");
        assertBadField(admin().multipart("/api/v1/tickets/" + id + "/replies", Map.of(), Map.of()), "body");
        assertThat(messageRows()).isZero();
    }

    @Test
    void rejectsMalformedReplyJson() {
        long id = ticketWithContact();

        assertProblem(admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": "), 400);
    }

    @Test
    void answersNotFoundForRepliesAndMessagesOfUnknownTicket() {
        assertProblem(admin().post("/api/v1/tickets/999999/replies", "{\"body\": \"hello\"}"), 404);
        assertProblem(admin().multipart("/api/v1/tickets/999999/replies", Map.of("body", "hello"), Map.of()), 404);
        assertProblem(admin().get("/api/v1/tickets/999999/messages"), 404);
    }

    @Test
    void repliesWithFilesAndListsTheirMetadata() {
        long id = ticketWithContact();
        byte[] log = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2};

        var reply = admin().multipart(
                        "/api/v1/tickets/" + id + "/replies",
                        Map.of("body", "See attached"),
                        ordered("server.log", log, "screen.PNG", png));

        assertThat(reply.status()).isEqualTo(201);
        assertThat((Boolean) reply.json("$.emailSkipped")).isTrue();
        assertThat(reply.string("$.message.body")).isEqualTo("See attached");
        var messages = admin().get("/api/v1/tickets/" + id + "/messages");
        assertThat((List<String>) messages.json("$[0].attachments[*].filename"))
                .containsExactly("server.log", "screen.PNG");
        assertThat((List<String>) messages.json("$[0].attachments[*].contentType"))
                .containsExactly("text/plain", "image/png");
        assertThat((List<Integer>) messages.json("$[0].attachments[*].size")).containsExactly(log.length, png.length);
        assertThat((List<Number>) messages.json("$[0].attachments[*].id"))
                .allSatisfy(attachmentId -> assertThat(admin().get("/api/v1/attachments/" + attachmentId)
                                .status())
                        .isEqualTo(200));
    }

    @Test
    void multipartReplyCanBeAnInternalNote() {
        long id = ticketWithContact();

        var note = admin().multipart(
                        "/api/v1/tickets/" + id + "/replies",
                        Map.of("body", "for the team", "internal", "true"),
                        Map.of("notes.txt", "secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(note.status()).isEqualTo(201);
        assertThat((Boolean) note.json("$.message.internal")).isTrue();
        assertThat((List<String>) note.json("$.message.attachments[*].filename"))
                .containsExactly("notes.txt");
    }

    @Test
    void acceptsFiveFilesButNotSix() {
        long id = ticketWithContact();
        Map<String, byte[]> five = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            five.put("file" + i + ".txt", ("content " + i).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> six = new LinkedHashMap<>(five);
        six.put("file6.txt", "content 6".getBytes(StandardCharsets.UTF_8));

        var rejected = admin().multipart("/api/v1/tickets/" + id + "/replies", Map.of("body", "six"), six);
        var accepted = admin().multipart("/api/v1/tickets/" + id + "/replies", Map.of("body", "five"), five);

        assertBadField(rejected, "files");
        assertThat(accepted.status()).isEqualTo(201);
        assertThat((List<?>) accepted.json("$.message.attachments")).hasSize(5);
        assertThat((List<String>)
                        admin().get("/api/v1/tickets/" + id + "/messages").json("$[*].body"))
                .containsExactly("five");
    }

    @Test
    void rejectsDisallowedFileTypes() {
        long id = ticketWithContact();

        var exe = admin().multipart(
                        "/api/v1/tickets/" + id + "/replies",
                        Map.of("body", "run me"),
                        Map.of("setup.exe", new byte[] {'M', 'Z'}));
        var noExtension = admin().multipart(
                        "/api/v1/tickets/" + id + "/replies", Map.of("body", "what"), Map.of("README", new byte[] {1}));

        assertBadField(exe, "files");
        assertBadField(noExtension, "files");
        assertThat(messageRows()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attachments")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void rejectsFilesLargerThanTenMegabytesWith413() {
        long id = ticketWithContact();

        var tooLarge = admin().multipart(
                        "/api/v1/tickets/" + id + "/replies",
                        Map.of("body", "big"),
                        Map.of("big.pdf", new byte[TEN_MB + 1]));

        assertProblem(tooLarge, 413);
        assertThat(messageRows()).isZero();
    }

    @Test
    void stripsPathsFromUploadedFilenames() {
        long id = ticketWithContact();

        var reply = admin().multipart(
                        "/api/v1/tickets/" + id + "/replies",
                        Map.of("body", "path"),
                        Map.of("../../etc/report.csv", "a,b".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.string("$.message.attachments[0].filename")).isEqualTo("report.csv");
        assertThat(reply.string("$.message.attachments[0].contentType")).isEqualTo("text/csv");
    }

    private long ticketWithContact() {
        return admin().post("/api/v1/tickets", """
                        {"subject": "Help", "contactEmail": "customer@example.com", "contactName": "Cus Tomer"}""").id();
    }

    private long reply(long ticketId, String json) {
        var reply = admin().post("/api/v1/tickets/" + ticketId + "/replies", json);
        assertThat(reply.status()).as("reply %s", reply).isEqualTo(201);
        return reply.number("$.message.id");
    }

    private long messageRows() {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_messages")
                .query(Long.class)
                .single();
    }

    private static Map<String, byte[]> ordered(String name1, byte[] content1, String name2, byte[] content2) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name1, content1);
        files.put(name2, content2);
        return files;
    }
}
