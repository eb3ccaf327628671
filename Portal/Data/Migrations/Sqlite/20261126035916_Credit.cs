using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Credit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CreditAccountStates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CurrentTier = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentScore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    FrozenUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditAccountStates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditAccountStates_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CreditAdjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Indicator = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditAdjustments_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CreditManagerMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FromCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditManagerMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditManagerMessages_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CreditPolicyVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditPolicyVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditReviewRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    TierChanges = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditReviewRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditViolations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditViolations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditViolations_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CreditPointEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PointsDelta = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Indicator = table.Column<int>(type: "INTEGER", nullable: true),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ReasonText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SourceReference = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ScoreAfter = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CreditAccountStateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditPointEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditPointEvents_CreditAccountStates_CreditAccountStateId",
                        column: x => x.CreditAccountStateId,
                        principalTable: "CreditAccountStates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CreditTierChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CreditAccountStateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditTierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditTierChanges_CreditAccountStates_CreditAccountStateId",
                        column: x => x.CreditAccountStateId,
                        principalTable: "CreditAccountStates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditAccountStates_AccountId",
                table: "CreditAccountStates",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditAccountStates_CurrentTier",
                table: "CreditAccountStates",
                column: "CurrentTier");

            migrationBuilder.CreateIndex(
                name: "IX_CreditAdjustments_AccountId",
                table: "CreditAdjustments",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditManagerMessages_AccountId_SentAtUtc",
                table: "CreditManagerMessages",
                columns: new[] { "AccountId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditPointEvents_AccountId_OccurredOn",
                table: "CreditPointEvents",
                columns: new[] { "AccountId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditPointEvents_CreditAccountStateId",
                table: "CreditPointEvents",
                column: "CreditAccountStateId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditPolicyVersions_Version",
                table: "CreditPolicyVersions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditTierChanges_ChangedOn",
                table: "CreditTierChanges",
                column: "ChangedOn");

            migrationBuilder.CreateIndex(
                name: "IX_CreditTierChanges_CreditAccountStateId",
                table: "CreditTierChanges",
                column: "CreditAccountStateId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditViolations_AccountId",
                table: "CreditViolations",
                column: "AccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CreditAdjustments");

            migrationBuilder.DropTable(
                name: "CreditManagerMessages");

            migrationBuilder.DropTable(
                name: "CreditPointEvents");

            migrationBuilder.DropTable(
                name: "CreditPolicyVersions");

            migrationBuilder.DropTable(
                name: "CreditReviewRuns");

            migrationBuilder.DropTable(
                name: "CreditTierChanges");

            migrationBuilder.DropTable(
                name: "CreditViolations");

            migrationBuilder.DropTable(
                name: "CreditAccountStates");
        }
    }
}
